import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { FiguresRecord } from '#core/key-figures';
import type { FiguresStore } from '#ports/figures-store';
import { partitionQuery } from '../../table.ts';
import { queryAll, withoutKeys } from './query.ts';

/** One partition per organisation, one item per plan (entity `figures`, written by the submission store). */
export class DynamoFiguresStore implements FiguresStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async listByOrg(org: string): Promise<FiguresRecord[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      ...partitionQuery('figuresOfOrg', org),
    });
    return items.map((item) => withoutKeys<FiguresRecord>(item));
  }
}
