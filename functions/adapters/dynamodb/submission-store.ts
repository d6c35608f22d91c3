import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { badRequest, conflict, staleVersion } from '#core/errors';
import type { HistoryEvent, Revision, Submission, SubmissionSummary } from '#core/model';
import { scopeSortKey, withStatus } from '#core/scopes';
import type { ListQuery, Page, SubmissionStore, SubmissionWrite } from '#ports/submission-store';
import { allocationUpdate } from './allocation-store.ts';
import { cancellationCodes, withConflictRetry } from './errors.ts';
import { figuresKey } from './figures-store.ts';
import { outboxItem } from './notification-keys.ts';
import { queryAll, withoutKeys } from './query.ts';

const SCHEMA_VERSION = 1;
const pad = (n: number, width: number) => String(n).padStart(width, '0');
export const submissionKey = (id: string) => ({ pk: `SUB#${id}`, sk: 'META' });
/** The erasure index's one partition (`gsi5`): submissions with a due date, sorted by it. */
export const ERASURE_SCOPE = 'ERASE';
const revisionKey = (id: string, n: number) => ({ pk: `SUB#${id}`, sk: `REV#${pad(n, 6)}` });
const eventKey = (id: string, version: number) => ({ pk: `SUB#${id}`, sk: `EVT#${pad(version, 8)}` });

/** The list summary kept beside the data (index items project only this map). */
export const summaryOf = ({ data: _data, ...summary }: Submission): SubmissionSummary => summary;

/** An item without the table's bookkeeping attributes, or undefined. */
const strip = <T>(item: Record<string, unknown> | undefined): T | undefined =>
  item ? withoutKeys<T>(item) : undefined;

const encodeCursor = (key: Record<string, unknown>) => Buffer.from(JSON.stringify(key)).toString('base64url');

function decodeCursor(cursor: string, partitionAttr: string, scope: string): Record<string, unknown> {
  const sortAttr = partitionAttr.replace(/pk$/, 'sk');
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      key !== null &&
      typeof key === 'object' &&
      !Array.isArray(key) &&
      // Exactly the table's and the index's key attributes, as DynamoDB returned them for this list.
      Object.keys(key).sort().join() === ['pk', 'sk', partitionAttr, sortAttr].sort().join() &&
      Object.values(key).every((v) => typeof v === 'string' && v.length > 0 && v.length <= 1024) &&
      (key as Record<string, unknown>)[partitionAttr] === scope &&
      String((key as Record<string, unknown>).pk).startsWith('SUB#')
    ) {
      return key as Record<string, unknown>;
    }
  } catch {
    // fall through to the error below
  }
  throw badRequest('list.bad_cursor', 'The cursor is not valid for this list.');
}

/** Submissions, revisions and history in the one table; every change in one conditional transaction. */
export class DynamoSubmissionStore implements SubmissionStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(id: string): Promise<Submission | undefined> {
    const out = await this.client.send(new GetCommand({ TableName: this.tableName, Key: submissionKey(id) }));
    return strip<Submission>(out.Item);
  }

  async write(change: SubmissionWrite): Promise<void> {
    const { submission: sub, scopes } = change;
    const sortKey = scopeSortKey(sub);
    const item: Record<string, unknown> = {
      ...submissionKey(sub.id),
      entity: 'submission',
      schemaVersion: SCHEMA_VERSION,
      ...sub,
      summary: summaryOf(sub),
      gsi1pk: scopes.org,
      gsi1sk: sortKey,
      gsi2pk: withStatus(scopes.org, sub.status),
      gsi2sk: sortKey,
      ...(scopes.second
        ? {
            gsi3pk: scopes.second,
            gsi3sk: sortKey,
            gsi4pk: withStatus(scopes.second, sub.status),
            gsi4sk: sortKey,
          }
        : {}),
      // Due for erasure: listed by due date in its own partition, so the erasure job never scans.
      ...(sub.erasureDueAt ? { gsi5pk: ERASURE_SCOPE, gsi5sk: `${sub.erasureDueAt}#${sub.id}` } : {}),
    };
    const expectedAttachments = change.expectedAttachmentsVersion ?? sub.attachmentsVersion ?? 0;
    const put: NonNullable<TransactWriteCommandInput['TransactItems']>[number] =
      change.expectedVersion === null
        ? { Put: { TableName: this.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } }
        : {
            Put: {
              TableName: this.tableName,
              Item: item,
              // The attachment counter is kept by the attachment store (ADD on this item): never put back
              // an older one, and never freeze a list of attachments that changed since it was read.
              ConditionExpression: `${change.expectedStatus === undefined ? '#v = :v' : '#v = :v AND #s = :s'} AND ${
                expectedAttachments === 0 ? '(attribute_not_exists(#av) OR #av = :av)' : '#av = :av'
              }`,
              ExpressionAttributeNames: {
                '#v': 'version',
                '#av': 'attachmentsVersion',
                ...(change.expectedStatus === undefined ? {} : { '#s': 'status' }),
              },
              ExpressionAttributeValues: {
                ':v': change.expectedVersion,
                ':av': expectedAttachments,
                ...(change.expectedStatus === undefined ? {} : { ':s': change.expectedStatus }),
              },
            },
          };
    const items: NonNullable<TransactWriteCommandInput['TransactItems']> = [
      put,
      {
        Put: {
          TableName: this.tableName,
          Item: {
            ...eventKey(sub.id, change.event.version),
            entity: 'event',
            schemaVersion: SCHEMA_VERSION,
            ...change.event,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    ];
    // The outbox: the change's notification event commits or fails with the change itself.
    if (change.outbox) {
      items.push({
        Put: {
          TableName: this.tableName,
          Item: outboxItem(change.outbox),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      });
    }
    // Members of a joint application find it in their own organisation's lists: one index item each.
    const memberScopes = change.scopes.members ?? [];
    for (const scope of memberScopes) {
      items.push({
        Put: {
          TableName: this.tableName,
          Item: {
            pk: `SUB#${sub.id}`,
            sk: `MEMBER#${scope}`,
            entity: 'member-index',
            schemaVersion: SCHEMA_VERSION,
            summary: summaryOf(sub),
            gsi1pk: scope,
            gsi1sk: sortKey,
            gsi2pk: withStatus(scope, sub.status),
            gsi2sk: sortKey,
          },
        },
      });
    }
    for (const scope of change.previousScopes?.members ?? []) {
      if (!memberScopes.includes(scope)) {
        items.push({
          Delete: { TableName: this.tableName, Key: { pk: `SUB#${sub.id}`, sk: `MEMBER#${scope}` } },
        });
      }
    }
    for (const rewritten of change.rewrittenRevisions ?? []) {
      items.push({
        Put: {
          TableName: this.tableName,
          Item: {
            ...revisionKey(sub.id, rewritten.n),
            entity: 'revision',
            schemaVersion: SCHEMA_VERSION,
            ...rewritten,
          },
          ConditionExpression: 'attribute_exists(pk)',
        },
      });
    }
    const firstAllocation = items.length + (change.revision ? 1 : 0);
    if (change.revision) {
      items.push({
        Put: {
          TableName: this.tableName,
          Item: {
            ...revisionKey(sub.id, change.revision.n),
            entity: 'revision',
            schemaVersion: SCHEMA_VERSION,
            ...change.revision,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      });
    }
    if (change.figures) {
      const { planId, record } = change.figures;
      items.push({
        Put: {
          TableName: this.tableName,
          Item: {
            ...figuresKey(record.org, planId),
            entity: 'figures',
            schemaVersion: SCHEMA_VERSION,
            ...record,
          },
        },
      });
    }
    for (const allocationChange of change.allocationChanges ?? [])
      items.push(allocationUpdate(this.tableName, allocationChange));
    try {
      await withConflictRetry(() => this.client.send(new TransactWriteCommand({ TransactItems: items })));
    } catch (error) {
      const codes = cancellationCodes(error);
      const ownFailed = codes?.slice(0, firstAllocation).some((c) => c === 'ConditionalCheckFailed');
      if (!ownFailed && codes?.slice(firstAllocation).some((c) => c === 'ConditionalCheckFailed')) {
        throw conflict(
          'allocation.exceeded',
          'The approval would exceed a planning frame; another approval came first.',
        );
      }
      // Any failed condition means another change got there first; a conflict that outlived the retries too.
      if (codes?.some((c) => c === 'ConditionalCheckFailed' || c === 'TransactionConflict'))
        throw staleVersion();
      throw error;
    }
  }

  async getRevision(id: string, n: number): Promise<Revision | undefined> {
    const out = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: revisionKey(id, n) }),
    );
    return strip<Revision>(out.Item);
  }

  async history(id: string): Promise<HistoryEvent[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :evt)',
      ExpressionAttributeValues: { ':pk': `SUB#${id}`, ':evt': 'EVT#' },
    });
    return items.map((item) => withoutKeys<HistoryEvent>(item));
  }

  async list(query: ListQuery): Promise<Page<SubmissionSummary>> {
    const base = query.index === 'org' ? 1 : 3;
    const n = query.status ? base + 1 : base;
    const partitionAttr = `gsi${n}pk`;
    const scope = query.status ? withStatus(query.scope, query.status) : query.scope;
    let startKey = query.cursor ? decodeCursor(query.cursor, partitionAttr, scope) : undefined;
    const items: SubmissionSummary[] = [];
    // A filter (formId) can thin out pages: read on, but boundedly, and hand back a cursor.
    for (let round = 0; round < 10; round++) {
      const out = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: `gsi${n}`,
          KeyConditionExpression: '#pk = :scope',
          ExpressionAttributeNames: {
            '#pk': partitionAttr,
            ...(query.formId ? { '#summary': 'summary', '#formId': 'formId' } : {}),
          },
          ExpressionAttributeValues: {
            ':scope': scope,
            ...(query.formId ? { ':formId': query.formId } : {}),
          },
          ...(query.formId ? { FilterExpression: '#summary.#formId = :formId' } : {}),
          ScanIndexForward: false,
          Limit: query.limit - items.length,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of out.Items ?? []) items.push(item.summary as SubmissionSummary);
      startKey = out.LastEvaluatedKey;
      if (!startKey || items.length >= query.limit) break;
    }
    return startKey ? { items, nextCursor: encodeCursor(startKey) } : { items };
  }
}
