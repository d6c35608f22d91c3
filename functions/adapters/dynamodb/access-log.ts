import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { AccessEntry } from '#core/access-log';
import type { AccessLogStore } from '#ports/access-log';
import { queryAll, withoutKeys } from './query.ts';

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
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :acc)',
      ExpressionAttributeValues: { ':pk': `SUB#${submissionId}`, ':acc': ACCESS_PREFIX },
      ConsistentRead: true,
    });
    return items.map((item) => withoutKeys<AccessEntry>(item));
  }
}
