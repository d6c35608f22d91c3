import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { AccessEntry } from '#core/access-log';
import type { AccessLogStore } from '#ports/access-log';
import { entities, itemHeader, partitionQuery } from '../../table.ts';
import { queryAll, withoutKeys } from './query.ts';

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
        Item: {
          ...itemHeader('access', entities.access.key(entry.submissionId, entry.at, entry.id)),
          ...entry,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async list(submissionId: string): Promise<AccessEntry[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      ...partitionQuery('accessLogOfSubmission', submissionId),
      ConsistentRead: true,
    });
    return items.map((item) => withoutKeys<AccessEntry>(item));
  }
}
