import {
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import { staleVersion } from '#core/errors';
import type { Submission } from '#core/model';
import type { Tombstone } from '#core/retention';
import type { DueEntry, ErasureStore } from '#ports/erasure-store';
import {
  ERASURE_PARTITION,
  entities,
  erasureSortKey,
  fromErasureSortKey,
  indexOf,
  itemHeader,
  partitionQuery,
} from '../../table.ts';
import { TransactionCancelled, tagged, transactWrite } from './errors.ts';
import { queryAll } from './query.ts';
import { DynamoSubmissionStore } from './submission-store.ts';

const tombstoneKey = entities.tombstone.key;
/** BatchWriteItem takes at most 25 requests. */
const BATCH = 25;

/** Erasure in the one table: due submissions from their index (`dueForErasure`), deletes by key, the tombstone in the plan's place. */
export class DynamoErasureStore implements ErasureStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async due(today: string, limit: number): Promise<DueEntry[]> {
    const index = indexOf('dueForErasure');
    const out = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: index.name,
        KeyConditionExpression: '#pk = :scope AND #sk <= :until',
        ExpressionAttributeNames: { '#pk': index.partitionKey, '#sk': index.sortKey },
        ExpressionAttributeValues: { ':scope': ERASURE_PARTITION, ':until': erasureSortKey(today, '\uffff') },
        Limit: limit,
      }),
    );
    return (out.Items ?? []).flatMap((item) => {
      const { erasureDueAt, id } = fromErasureSortKey(String(item[index.sortKey] ?? ''));
      return id ? [{ id, erasureDueAt }] : [];
    });
  }

  async erase(sub: Submission, tombstone: Tombstone): Promise<void> {
    const { pk, sk: submissionSk } = entities.submission.key(sub.id);
    const tombstoneSk = tombstoneKey(sub.id).sk;
    // The work queue's items leave with the submission, in its transaction (so its counter stays right).
    const queueStateSk = entities.queueState.key(sub.id).sk;
    const queueItems = await new DynamoSubmissionStore(this.client, this.tableName).queueRemoval(sub.id);
    // Everything in the partition but the submission item itself (and an older tombstone).
    const keys: Array<{ pk: string; sk: string }> = [];
    for (const item of await queryAll(this.client, {
      TableName: this.tableName,
      ...partitionQuery('itemsOfSubmission', sub.id),
      ProjectionExpression: 'pk, sk',
      ConsistentRead: true,
    })) {
      if (item.sk !== submissionSk && item.sk !== tombstoneSk && item.sk !== queueStateSk)
        keys.push({ pk, sk: String(item.sk) });
    }
    for (let i = 0; i < keys.length; i += BATCH) {
      let requests: Record<string, unknown[]> | undefined = {
        [this.tableName]: keys.slice(i, i + BATCH).map((Key) => ({ DeleteRequest: { Key } })),
      };
      // Unprocessed items are retried until none are left (throttling returns them, it does not fail).
      for (let attempt = 0; requests && Object.keys(requests).length > 0; attempt++) {
        if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 50 * 2 ** attempt)));
        const out = await this.client.send(new BatchWriteCommand({ RequestItems: requests as never }));
        requests = out.UnprocessedItems as Record<string, unknown[]> | undefined;
      }
    }
    try {
      await transactWrite(
        this.client,
        [
          tagged('submission', {
            Delete: {
              TableName: this.tableName,
              Key: entities.submission.key(sub.id),
              ConditionExpression: '#v = :v',
              ExpressionAttributeNames: { '#v': 'version' },
              ExpressionAttributeValues: { ':v': sub.version },
            },
          }),
          tagged('tombstone', {
            Put: {
              TableName: this.tableName,
              Item: { ...itemHeader('tombstone', tombstoneKey(sub.id)), ...tombstone },
            },
          }),
          ...queueItems,
        ],
        1,
      );
    } catch (error) {
      if (error instanceof TransactionCancelled && error.conditionFailed('submission')) throw staleVersion();
      throw error;
    }
  }

  async tombstone(id: string): Promise<Tombstone | undefined> {
    const out = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: tombstoneKey(id), ConsistentRead: true }),
    );
    if (!out.Item) return undefined;
    const { pk: _pk, sk: _sk, entity: _e, schemaVersion: _s, ...tombstone } = out.Item;
    return tombstone as Tombstone;
  }
}
