import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { badRequest, conflict, fileNumberTaken, staleVersion } from '#core/errors';
import type { HistoryEvent, Revision, Status, Submission, SubmissionSummary } from '#core/model';
import { type QueueEntry, type QueueProfile, queueEntry } from '#core/queue';
import { type Scopes, scopeSortKey, withStatus } from '#core/scopes';
import type {
  ListQuery,
  Page,
  ParentWrite,
  QueuePage,
  QueueQuery,
  SubmissionStore,
  SubmissionWrite,
} from '#ports/submission-store';
import {
  ERASURE_PARTITION,
  entities,
  erasureSortKey,
  type IndexPattern,
  indexKeys,
  indexOf,
  isSubmissionPartition,
  itemHeader,
  listPatterns,
  partitionQuery,
} from '../../table.ts';
import { allocationUpdate } from './allocation-store.ts';
import { documentPuts, fileNumberUpdate } from './case-file-store.ts';
import { type TaggedItem, TransactionCancelled, tagged, transactWrite } from './errors.ts';
import { figuresWriteItems } from './figures-store.ts';
import { outboxPut } from './notification-store.ts';
import { queryAll, withoutKeys } from './query.ts';

export const submissionKey = entities.submission.key;
const revisionKey = entities.revision.key;
const eventKey = entities.event.key;

/** The list summary kept beside the data (index items project only this map); translations stay with the data. */
export const summaryOf = ({ data: _data, translations: _t, ...summary }: Submission): SubmissionSummary =>
  summary;

/** An item without the table's bookkeeping attributes, or undefined. */
const strip = <T>(item: Record<string, unknown> | undefined): T | undefined =>
  item ? withoutKeys<T>(item) : undefined;

const encodeCursor = (key: Record<string, unknown>) => Buffer.from(JSON.stringify(key)).toString('base64url');

function decodeCursor(cursor: string, pattern: IndexPattern, scope: string): Record<string, unknown> {
  const { partitionKey: partitionAttr, sortKey: sortAttr } = indexOf(pattern);
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
      isSubmissionPartition((key as Record<string, unknown>).pk)
    ) {
      return key as Record<string, unknown>;
    }
  } catch {
    // fall through to the error below
  }
  throw badRequest('list.bad_cursor', 'The cursor is not valid for this list.');
}

/**
 * A follow-up record's application: its follow-up state (and allocation) set on the item and in its list
 * summary, conditioned on the version and state the change read. The summaries of member index items keep
 * their older copy (they list the application, not its money).
 */
function parentUpdate(tableName: string, parent: ParentWrite): TaggedItem {
  const names: Record<string, string> = {
    '#v': 'version',
    '#s': 'status',
    '#ua': 'updatedAt',
    '#fu': 'followUp',
    '#sm': 'summary',
  };
  const values: Record<string, unknown> = {
    ':ev': parent.expectedVersion,
    ':es': parent.expectedStatus,
    ':nv': parent.version,
    ':ua': parent.updatedAt,
    ':fu': parent.followUp,
  };
  const sets = ['#v = :nv', '#ua = :ua', '#fu = :fu', '#sm.#v = :nv', '#sm.#ua = :ua', '#sm.#fu = :fu'];
  if (parent.allocation) {
    names['#al'] = 'allocation';
    values[':al'] = parent.allocation;
    sets.push('#al = :al', '#sm.#al = :al');
  }
  return tagged('parent', {
    Update: {
      TableName: tableName,
      Key: submissionKey(parent.id),
      UpdateExpression: `SET ${sets.join(', ')}`,
      ConditionExpression: '#v = :ev AND #s = :es',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  });
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
      ...itemHeader('submission', submissionKey(sub.id)),
      ...sub,
      summary: summaryOf(sub),
      ...indexKeys('submissionsByOrg', scopes.org, sortKey),
      ...indexKeys('submissionsByOrgAndStatus', withStatus(scopes.org, sub.status), sortKey),
      ...(scopes.second
        ? {
            ...indexKeys('submissionsBySecondScope', scopes.second, sortKey),
            ...indexKeys('submissionsBySecondScopeAndStatus', withStatus(scopes.second, sub.status), sortKey),
          }
        : {}),
      // Due for erasure: listed by due date in its own partition, so the erasure job never scans.
      ...(sub.erasureDueAt
        ? indexKeys('dueForErasure', ERASURE_PARTITION, erasureSortKey(sub.erasureDueAt, sub.id))
        : {}),
    };
    const expectedAttachments = change.expectedAttachmentsVersion ?? sub.attachmentsVersion ?? 0;
    const put: TaggedItem['item'] =
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
    const items: TaggedItem[] = [
      tagged('submission', put),
      tagged('event', {
        Put: {
          TableName: this.tableName,
          Item: { ...itemHeader('event', eventKey(sub.id, change.event.version)), ...change.event },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      }),
    ];
    // The outbox: the change's notification event commits or fails with the change itself.
    if (change.outbox) items.push(outboxPut(this.tableName, change.outbox));
    // Members of a joint application find it in their own organisation's lists: one index item each.
    const memberScopes = change.scopes.members ?? [];
    for (const scope of memberScopes) {
      items.push(
        tagged('member', {
          Put: {
            TableName: this.tableName,
            Item: {
              ...itemHeader('member', entities.member.key(sub.id, scope)),
              summary: summaryOf(sub),
              ...indexKeys('submissionsByOrg', scope, sortKey),
              ...indexKeys('submissionsByOrgAndStatus', withStatus(scope, sub.status), sortKey),
            },
          },
        }),
      );
    }
    for (const scope of change.previousScopes?.members ?? []) {
      if (!memberScopes.includes(scope)) {
        items.push(
          tagged('member', {
            Delete: { TableName: this.tableName, Key: entities.member.key(sub.id, scope) },
          }),
        );
      }
    }
    for (const rewritten of change.rewrittenRevisions ?? []) {
      items.push(
        tagged('revision', {
          Put: {
            TableName: this.tableName,
            Item: { ...itemHeader('revision', revisionKey(sub.id, rewritten.n)), ...rewritten },
            ConditionExpression: 'attribute_exists(pk)',
          },
        }),
      );
    }
    if (change.revision) {
      items.push(
        tagged('revision', {
          Put: {
            TableName: this.tableName,
            Item: { ...itemHeader('revision', revisionKey(sub.id, change.revision.n)), ...change.revision },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        }),
      );
    }
    // What the items below depend on is read at once (independent reads, one round trip): the old figures
    // record of a plan and the queue-state item.
    const [figureItems, queueItems] = await Promise.all([
      change.figures ? figuresWriteItems(this.client, this.tableName, change.figures) : [],
      this.queueItems(change),
    ]);
    // The plan's figures record and its organisation's aggregate, changed by the difference to the old record.
    items.push(...figureItems);
    for (const allocationChange of change.allocationChanges ?? [])
      items.push(allocationUpdate(this.tableName, allocationChange));
    // The case file: the first submit's file number and the documents the change issues, with the change.
    if (change.fileNumberCounter) items.push(fileNumberUpdate(this.tableName, change.fileNumberCounter));
    items.push(...documentPuts(this.tableName, change.documents ?? []));
    if (change.parent) items.push(parentUpdate(this.tableName, change.parent));
    items.push(...queueItems);
    try {
      await transactWrite(this.client, items);
    } catch (error) {
      if (!(error instanceof TransactionCancelled)) throw error;
      const failed = error.failedConditions;
      // Only the file-number counter moved meanwhile: another first submit took the number; the caller retries.
      if (failed.length > 0 && failed.every((tag) => tag === 'fileNumber')) throw fileNumberTaken();
      // Only a planning frame's condition failed: the submission was as the caller saw it, the frame was not.
      if (failed.length > 0 && failed.every((tag) => tag === 'allocation')) {
        throw conflict(
          'allocation.exceeded',
          'The change would exceed a planning frame; another change came first.',
        );
      }
      // Any other failed condition means another change got there first; a conflict that outlived the retries too.
      if (failed.length > 0 || error.conflictOnly) throw staleVersion();
      throw error;
    }
  }

  async rewriteRevisions(id: string, revisions: readonly Revision[]): Promise<void> {
    if (revisions.some((r) => r.submissionId !== id)) throw staleVersion();
    if (revisions.length === 0) return;
    try {
      await transactWrite(
        this.client,
        revisions.map((r) =>
          tagged('revision', {
            Put: {
              TableName: this.tableName,
              Item: { ...itemHeader('revision', revisionKey(id, r.n)), ...r },
              ConditionExpression: 'attribute_exists(pk)',
            },
          }),
        ),
      );
    } catch (error) {
      if (error instanceof TransactionCancelled && error.failedConditions.length > 0) throw staleVersion();
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
      ...partitionQuery('historyOfSubmission', id),
    });
    return items.map((item) => withoutKeys<HistoryEvent>(item));
  }

  async list(query: ListQuery): Promise<Page<SubmissionSummary>> {
    const pattern = listPatterns[query.index][query.status ? 'byStatus' : 'all'];
    const index = indexOf(pattern);
    const scope = query.status ? withStatus(query.scope, query.status) : query.scope;
    let startKey = query.cursor ? decodeCursor(query.cursor, pattern, scope) : undefined;
    const items: SubmissionSummary[] = [];
    // A filter (formId) can thin out pages: read on, but boundedly, and hand back a cursor.
    for (let round = 0; round < 10; round++) {
      const out = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: index.name,
          KeyConditionExpression: '#pk = :scope',
          ExpressionAttributeNames: {
            '#pk': index.partitionKey,
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

  // ---- The reviewer's work queue (queue, search and counter items; written in the change's transaction) ----

  /**
   * The queue items of a change: where the submission is listed now (facets, search terms, counters) against
   * where it was (its queue-state item, read first; the submission's version condition in the same
   * transaction makes that read current).
   */
  private async queueItems(
    change: Pick<
      SubmissionWrite,
      'submission' | 'scopes' | 'previousScopes' | 'expectedVersion' | 'queueProfile'
    >,
  ): Promise<TaggedItem[]> {
    const { submission: sub, scopes } = change;
    const inReview = scopes.second?.startsWith('R#') ? scopes.second : undefined;
    // Only a submission that was in a review scope has queue items (every write of one keeps them where its
    // scopes say): plans and a first submit never read here; without the previous scopes it may have been.
    const mayHaveBeen =
      change.expectedVersion !== null &&
      (!change.previousScopes || change.previousScopes.second?.startsWith('R#') === true);
    if (!mayHaveBeen && !inReview) return [];
    const out = mayHaveBeen
      ? await this.client.send(
          new GetCommand({
            TableName: this.tableName,
            Key: entities.queueState.key(sub.id),
            ConsistentRead: true,
          }),
        )
      : undefined;
    const before = out?.Item?.entry as QueueEntry | undefined;
    const profile = change.queueProfile ?? before?.profile;
    const after = inReview && profile ? queueEntry(inReview, sub, profile) : undefined;
    if (!before && !after) return [];
    const T = this.tableName;
    const items: TaggedItem[] = [];
    const summary = summaryOf(sub);
    const keysOf = (e: QueueEntry | undefined) =>
      e
        ? [
            ...e.facets.map((f) => entities.queueItem.key(e.scope, f, e.sortKey)),
            ...e.terms.map((t) => entities.queueSearch.key(e.scope, t, e.sortKey)),
          ]
        : [];
    const afterKeys = keysOf(after);
    const kept = new Set(afterKeys.map((k) => `${k.pk}\u0000${k.sk}`));
    for (const key of keysOf(before))
      if (!kept.has(`${key.pk}\u0000${key.sk}`))
        items.push(tagged('queue', { Delete: { TableName: T, Key: key } }));
    for (const key of afterKeys)
      items.push(
        tagged('queue', {
          Put: {
            TableName: T,
            Item: {
              ...itemHeader(key.pk.startsWith('QSEARCH#') ? 'queueSearch' : 'queueItem', key),
              summary,
            },
          },
        }),
      );
    const counter = (scope: string, status: string, delta: number) =>
      tagged('queue', {
        Update: {
          TableName: T,
          Key: entities.queueCounter.key(scope, status),
          UpdateExpression: 'ADD #n :d SET #e = :e, #sv = :sv',
          ExpressionAttributeNames: { '#n': 'n', '#e': 'entity', '#sv': 'schemaVersion' },
          ExpressionAttributeValues: {
            ':d': delta,
            ':e': entities.queueCounter.tag,
            ':sv': itemHeader('queueCounter', entities.queueCounter.key(scope, status)).schemaVersion,
          },
        },
      });
    const sameCount = before && after && before.scope === after.scope && before.status === after.status;
    if (!sameCount) {
      if (before) items.push(counter(before.scope, before.status, -1));
      if (after) items.push(counter(after.scope, after.status, 1));
    }
    const stateKey = entities.queueState.key(sub.id);
    items.push(
      tagged(
        'queue',
        after
          ? { Put: { TableName: T, Item: { ...itemHeader('queueState', stateKey), entry: after } } }
          : { Delete: { TableName: T, Key: stateKey } },
      ),
    );
    return items;
  }

  async addToQueue(submission: Submission, scopes: Scopes, profile: QueueProfile): Promise<boolean> {
    const listed = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: entities.queueState.key(submission.id),
        ConsistentRead: true,
      }),
    );
    if (listed.Item) return false;
    const items = await this.queueItems({
      submission,
      scopes,
      previousScopes: scopes,
      expectedVersion: submission.version,
      queueProfile: profile,
    });
    if (items.length === 0) return false;
    // Only if still unlisted (another run may have come first) and unchanged since it was read.
    const stateKey = entities.queueState.key(submission.id);
    const guarded = items.map((t) => {
      const put = 'Put' in t.item ? t.item.Put : undefined;
      return put && put.Item?.pk === stateKey.pk && put.Item?.sk === stateKey.sk
        ? tagged('queue-state', { Put: { ...put, ConditionExpression: 'attribute_not_exists(pk)' } })
        : t;
    });
    guarded.push(
      tagged('submission', {
        ConditionCheck: {
          TableName: this.tableName,
          Key: submissionKey(submission.id),
          ConditionExpression: '#v = :v',
          ExpressionAttributeNames: { '#v': 'version' },
          ExpressionAttributeValues: { ':v': submission.version },
        },
      }),
    );
    try {
      await transactWrite(this.client, guarded);
      return true;
    } catch (error) {
      if (!(error instanceof TransactionCancelled)) throw error;
      if (error.conditionFailed('submission')) throw staleVersion();
      if (error.conditionFailed('queue-state')) return false;
      throw error;
    }
  }

  /** The items that take an erased submission out of the work queue (its queue items, counter and state). */
  async queueRemoval(id: string): Promise<TaggedItem[]> {
    const out = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: entities.queueState.key(id), ConsistentRead: true }),
    );
    const entry = out.Item?.entry as QueueEntry | undefined;
    if (!entry) return [];
    const T = this.tableName;
    return [
      ...entry.facets.map((f) => entities.queueItem.key(entry.scope, f, entry.sortKey)),
      ...entry.terms.map((t) => entities.queueSearch.key(entry.scope, t, entry.sortKey)),
      entities.queueState.key(id),
    ]
      .map((Key) => tagged('queue', { Delete: { TableName: T, Key } }))
      .concat(
        tagged('queue', {
          Update: {
            TableName: T,
            Key: entities.queueCounter.key(entry.scope, entry.status),
            UpdateExpression: 'ADD #n :d',
            ExpressionAttributeNames: { '#n': 'n' },
            ExpressionAttributeValues: { ':d': -1 },
          },
        }),
      );
  }

  async queue(query: QueueQuery): Promise<QueuePage<SubmissionSummary>> {
    const pk =
      'facet' in query.plan
        ? entities.queueItem.key(query.scope, query.plan.facet, '').pk
        : entities.queueSearch.key(query.scope, '', '').pk;
    const prefix = 'search' in query.plan ? query.plan.search : undefined;
    const startKey = query.cursor ? decodeQueueCursor(query.cursor, pk, prefix) : undefined;
    const [page, counters] = await Promise.all([
      this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: prefix === undefined ? 'pk = :pk' : 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': pk, ...(prefix === undefined ? {} : { ':prefix': prefix }) },
          ProjectionExpression: 'pk, sk, summary',
          ScanIndexForward: query.sort === 'oldest',
          Limit: query.limit,
          ExclusiveStartKey: startKey,
        }),
      ),
      this.client.send(
        new QueryCommand({ TableName: this.tableName, ...partitionQuery('queueCounters', query.scope) }),
      ),
    ]);
    const counts: QueuePage<SubmissionSummary>['counts'] = {};
    for (const c of counters.Items ?? [])
      if (typeof c.n === 'number' && c.n > 0) counts[c.sk as Status] = c.n;
    const items = (page.Items ?? []).map((i) => i.summary as SubmissionSummary);
    return page.LastEvaluatedKey
      ? { items, counts, nextCursor: encodeCursor(page.LastEvaluatedKey) }
      : { items, counts };
  }
}

/** A queue cursor: exactly the table key DynamoDB returned for this partition (and search prefix). */
function decodeQueueCursor(cursor: string, pk: string, prefix: string | undefined): Record<string, unknown> {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (
      key !== null &&
      typeof key === 'object' &&
      Object.keys(key).sort().join() === 'pk,sk' &&
      key.pk === pk &&
      typeof key.sk === 'string' &&
      key.sk.length <= 1024 &&
      (prefix === undefined || key.sk.startsWith(prefix))
    )
      return key;
  } catch {
    // fall through to the error below
  }
  throw badRequest('list.bad_cursor', 'The cursor is not valid for this list.');
}
