import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Attachment, SubmissionGuard } from '#core/attachments';
import { conflict, notFound } from '#core/errors';
import type {
  AttachmentPatch,
  AttachmentStore,
  AttachmentUpdate,
  AttachmentUpdateOptions,
} from '#ports/attachment-store';
import { entities, itemHeader, partitionQuery } from '../../table.ts';
import { type TaggedItem, TransactionCancelled, tagged, transactWrite } from './errors.ts';
import { outboxPut } from './notification-store.ts';
import { queryAll, withoutKeys } from './query.ts';

const attachmentKey = entities.attachment.key;

const strip = (item: Record<string, unknown> | undefined) =>
  item ? withoutKeys<Attachment>(item) : undefined;

const changed = () =>
  conflict('attachments.changed', 'The submission changed meanwhile; reload it and try again.');

/**
 * Counts one attachment change on the submission item (`ADD attachmentsVersion`), if the item exists and
 * passes the guard. The condition is built from named parts, as everywhere.
 */
function countChange(tableName: string, submissionId: string, guard?: SubmissionGuard): TaggedItem {
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
  return tagged('submission', {
    Update: {
      TableName: tableName,
      Key: entities.submission.key(submissionId),
      UpdateExpression: 'ADD #av :one',
      ConditionExpression: parts.join(' AND '),
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  });
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
      ...partitionQuery('attachmentsOfSubmission', submissionId),
      ConsistentRead: true,
    }))
      items.push(strip(item)!);
    return items;
  }

  async create(attachment: Attachment, guard: SubmissionGuard) {
    await this.transact([
      tagged('attachment', {
        Put: {
          TableName: this.tableName,
          Item: {
            ...itemHeader('attachment', attachmentKey(attachment.submissionId, attachment.id)),
            ...attachment,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      }),
      countChange(this.tableName, attachment.submissionId, guard),
    ]).catch((error: unknown) => {
      if (error instanceof TransactionCancelled && error.failedConditions.length > 0) throw changed();
      throw error;
    });
  }

  async update(
    current: Attachment,
    patch: AttachmentPatch,
    { guard, outbox }: AttachmentUpdateOptions = {},
  ): Promise<AttachmentUpdate> {
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
        tagged('attachment', {
          Update: {
            TableName: this.tableName,
            Key: attachmentKey(current.submissionId, current.id),
            UpdateExpression: `SET ${sets.join(', ')}`,
            ConditionExpression: 'attribute_exists(pk) AND #version = :expected',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
          },
        }),
        countChange(this.tableName, current.submissionId, guard),
        // The change's notification event commits or fails with the change itself.
        ...(outbox ? [outboxPut(this.tableName, outbox)] : []),
      ]);
    } catch (error) {
      if (!(error instanceof TransactionCancelled && error.failedConditions.length > 0)) throw error;
      // The submission's guard failed, not the attachment's version: the submission moved on.
      if (guard && !error.conditionFailed('attachment')) throw changed();
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
        tagged('attachment', {
          Delete: {
            TableName: this.tableName,
            Key: attachmentKey(submissionId, attachmentId),
            ConditionExpression: 'attribute_exists(pk)',
          },
        }),
        countChange(this.tableName, submissionId, guard),
      ]);
    } catch (error) {
      if (!(error instanceof TransactionCancelled)) throw error;
      if (error.conditionFailed('attachment'))
        throw notFound('attachments.not_found', 'Attachment not found.');
      if (error.conditionFailed('submission')) throw changed();
      throw error;
    }
  }

  private async transact(items: TaggedItem[]) {
    try {
      await transactWrite(this.client, items);
    } catch (error) {
      // A conflict that outlived the retries: someone else is changing the same submission right now.
      if (error instanceof TransactionCancelled && error.conflictOnly) throw changed();
      throw error;
    }
  }
}
