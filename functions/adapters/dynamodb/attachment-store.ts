import {
  type DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { Attachment, SubmissionGuard } from '#core/attachments';
import { conflict, notFound } from '#core/errors';
import type { OutboxEvent } from '#core/notifications';
import type { AttachmentPatch, AttachmentStore, AttachmentUpdate } from '#ports/attachment-store';
import { cancellationCodes, withConflictRetry } from './errors.ts';
import { outboxItem } from './notification-keys.ts';
import { queryAll, withoutKeys } from './query.ts';
import { submissionKey } from './submission-store.ts';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const SCHEMA_VERSION = 1;
const attachmentKey = (submissionId: string, attachmentId: string) => ({
  pk: `SUB#${submissionId}`,
  sk: `ATT#${attachmentId}`,
});

const strip = (item: Record<string, unknown> | undefined) =>
  item ? withoutKeys<Attachment>(item) : undefined;

const changed = () =>
  conflict('attachments.changed', 'The submission changed meanwhile; reload it and try again.');

/**
 * Counts one attachment change on the submission item (`ADD attachmentsVersion`), if the item exists and
 * passes the guard. The condition is built from named parts, as everywhere.
 */
function countChange(tableName: string, submissionId: string, guard?: SubmissionGuard): TransactItem {
  const names: Record<string, string> = { '#pk': 'pk', '#av': 'attachmentsVersion' };
  const values: Record<string, unknown> = { ':one': 1 };
  const parts = ['attribute_exists(#pk)'];
  if (guard) {
    names['#status'] = 'status';
    names['#revision'] = 'revision';
    const statuses = guard.statuses.map((status, i) => {
      values[`:s${i}`] = status;
      return `:s${i}`;
    });
    parts.push(statuses.length ? `#status IN (${statuses.join(', ')})` : 'attribute_not_exists(#pk)');
    values[':rev'] = guard.revision;
    parts.push('#revision = :rev');
    if (guard.attachmentsVersion !== undefined) {
      values[':av'] = guard.attachmentsVersion;
      // A submission that never had attachments has no counter yet.
      parts.push(guard.attachmentsVersion === 0 ? '(attribute_not_exists(#av) OR #av = :av)' : '#av = :av');
    }
  }
  return {
    Update: {
      TableName: tableName,
      Key: submissionKey(submissionId),
      UpdateExpression: 'ADD #av :one',
      ConditionExpression: parts.join(' AND '),
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/** Attachment metadata in the one table, each change in one transaction with the submission's counter. */
export class DynamoAttachmentStore implements AttachmentStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(submissionId: string, attachmentId: string) {
    const out = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: attachmentKey(submissionId, attachmentId),
        ConsistentRead: true,
      }),
    );
    return strip(out.Item);
  }

  async list(submissionId: string) {
    const items: Attachment[] = [];
    for (const item of await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :att)',
      ExpressionAttributeValues: { ':pk': `SUB#${submissionId}`, ':att': 'ATT#' },
      ConsistentRead: true,
    }))
      items.push(strip(item)!);
    return items;
  }

  async create(attachment: Attachment, guard: SubmissionGuard) {
    await this.transact([
      {
        Put: {
          TableName: this.tableName,
          Item: {
            ...attachmentKey(attachment.submissionId, attachment.id),
            entity: 'attachment',
            schemaVersion: SCHEMA_VERSION,
            ...attachment,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      countChange(this.tableName, attachment.submissionId, guard),
    ]).catch((error: unknown) => {
      if (cancellationCodes(error)?.includes('ConditionalCheckFailed')) throw changed();
      throw error;
    });
  }

  async update(current: Attachment, patch: AttachmentPatch, outbox?: OutboxEvent): Promise<AttachmentUpdate> {
    const names: Record<string, string> = { '#version': 'version' };
    const values: Record<string, unknown> = { ':expected': current.version, ':next': current.version + 1 };
    const sets = ['#version = :next'];
    for (const [field, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      names[`#${field}`] = field;
      values[`:${field}`] = value;
      sets.push(`#${field} = :${field}`);
    }
    try {
      await this.transact([
        {
          Update: {
            TableName: this.tableName,
            Key: attachmentKey(current.submissionId, current.id),
            UpdateExpression: `SET ${sets.join(', ')}`,
            ConditionExpression: 'attribute_exists(pk) AND #version = :expected',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
          },
        },
        countChange(this.tableName, current.submissionId),
        ...(outbox
          ? [
              {
                Put: {
                  TableName: this.tableName,
                  Item: outboxItem(outbox),
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
            ]
          : []),
      ]);
    } catch (error) {
      if (!cancellationCodes(error)?.includes('ConditionalCheckFailed')) throw error;
      return { ok: false, current: await this.get(current.submissionId, current.id) };
    }
    const next = { ...current, version: current.version + 1 } as Attachment;
    for (const [field, value] of Object.entries(patch))
      if (value !== undefined) Object.assign(next, { [field]: value });
    return { ok: true, attachment: next };
  }

  async remove(submissionId: string, attachmentId: string, guard: SubmissionGuard) {
    try {
      await this.transact([
        {
          Delete: {
            TableName: this.tableName,
            Key: attachmentKey(submissionId, attachmentId),
            ConditionExpression: 'attribute_exists(pk)',
          },
        },
        countChange(this.tableName, submissionId, guard),
      ]);
    } catch (error) {
      const codes = cancellationCodes(error);
      if (codes?.[0] === 'ConditionalCheckFailed')
        throw notFound('attachments.not_found', 'Attachment not found.');
      if (codes?.includes('ConditionalCheckFailed')) throw changed();
      throw error;
    }
  }

  private async transact(items: TransactItem[]) {
    try {
      await withConflictRetry(() => this.client.send(new TransactWriteCommand({ TransactItems: items })));
    } catch (error) {
      // A conflict that outlived the retries: someone else is changing the same submission right now.
      const codes = cancellationCodes(error);
      if (codes?.includes('TransactionConflict') && !codes.includes('ConditionalCheckFailed'))
        throw changed();
      throw error;
    }
  }
}
