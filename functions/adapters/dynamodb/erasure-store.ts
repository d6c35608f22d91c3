import {
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { staleVersion } from '#core/errors';
import type { Submission } from '#core/model';
import type { Tombstone } from '#core/retention';
import type { DueEntry, ErasureStore } from '#ports/erasure-store';
import { cancellationCodes } from './errors.ts';
import { queryAll } from './query.ts';
import { ERASURE_SCOPE, submissionKey } from './submission-store.ts';

const SCHEMA_VERSION = 1;
const tombstoneKey = (id: string) => ({ pk: `SUB#${id}`, sk: 'TOMBSTONE' });
/** BatchWriteItem takes at most 25 requests. */
const BATCH = 25;

/** Erasure in the one table: due submissions from `gsi5`, deletes by key, the tombstone in the plan's place. */
export class DynamoErasureStore implements ErasureStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async due(today: string, limit: number): Promise<DueEntry[]> {
    const out = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi5',
        KeyConditionExpression: 'gsi5pk = :scope AND gsi5sk <= :until',
        ExpressionAttributeValues: { ':scope': ERASURE_SCOPE, ':until': `${today}#\uffff` },
        Limit: limit,
      }),
    );
    return (out.Items ?? []).flatMap((item) => {
      const sk = String(item.gsi5sk ?? '');
      const [erasureDueAt = '', id = ''] = sk.split('#');
      return id ? [{ id, erasureDueAt }] : [];
    });
  }

  async erase(sub: Submission, tombstone: Tombstone): Promise<void> {
    const pk = submissionKey(sub.id).pk;
    // Everything in the partition but the submission item itself (and an older tombstone).
    const keys: Array<{ pk: string; sk: string }> = [];
    for (const item of await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': pk },
      ProjectionExpression: 'pk, sk',
      ConsistentRead: true,
    })) {
      if (item.sk !== 'META' && item.sk !== 'TOMBSTONE') keys.push({ pk, sk: String(item.sk) });
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
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Delete: {
                TableName: this.tableName,
                Key: submissionKey(sub.id),
                ConditionExpression: '#v = :v',
                ExpressionAttributeNames: { '#v': 'version' },
                ExpressionAttributeValues: { ':v': sub.version },
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  ...tombstoneKey(sub.id),
                  entity: 'tombstone',
                  schemaVersion: SCHEMA_VERSION,
                  ...tombstone,
                },
              },
            },
          ],
        }),
      );
    } catch (error) {
      if (cancellationCodes(error)?.includes('ConditionalCheckFailed')) throw staleVersion();
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
