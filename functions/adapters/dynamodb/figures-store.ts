import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { FiguresRecord } from '#core/key-figures';
import type { FiguresStore } from '#ports/figures-store';
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
}
