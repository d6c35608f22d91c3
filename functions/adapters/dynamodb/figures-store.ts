import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { FiguresRecord } from '#core/key-figures';
import type { FiguresStore, FiguresWrite } from '#ports/figures-store';
import { isConditionFailure } from './errors.ts';
import { queryAll, withoutKeys } from './query.ts';

/** One partition per organisation, one item per plan. */
export const figuresKey = (org: string, planId: string) => ({ pk: `FIGURES#${org}`, sk: planId });

export class DynamoFiguresStore implements FiguresStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async listByOrg(org: string): Promise<FiguresRecord[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `FIGURES#${org}` },
    });
    return items.map((item) => withoutKeys<FiguresRecord>(item));
  }

  async putIfAbsent({ planId, record }: FiguresWrite): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...figuresKey(record.org, planId), entity: 'figures', schemaVersion: 1, ...record },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}
