import { type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AccessEntry } from '#core/access-log';
import type { AccessLogStore } from '#ports/access-log';

const SCHEMA_VERSION = 1;
export const ACCESS_PREFIX = 'ACC#';
const accessKey = (entry: AccessEntry) => ({
  pk: `SUB#${entry.submissionId}`,
  sk: `${ACCESS_PREFIX}${entry.at}#${entry.id}`,
});

/** Access log entries beside their plan in the one table; put once, never updated. */
export class DynamoAccessLogStore implements AccessLogStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async append(entry: AccessEntry): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...accessKey(entry), entity: 'access', schemaVersion: SCHEMA_VERSION, ...entry },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async list(submissionId: string): Promise<AccessEntry[]> {
    const entries: AccessEntry[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const out = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :acc)',
          ExpressionAttributeValues: { ':pk': `SUB#${submissionId}`, ':acc': ACCESS_PREFIX },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of out.Items ?? []) {
        const { pk: _pk, sk: _sk, entity: _e, schemaVersion: _s, ...entry } = item;
        entries.push(entry as AccessEntry);
      }
      startKey = out.LastEvaluatedKey;
    } while (startKey);
    return entries;
  }
}
