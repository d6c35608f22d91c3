import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { FiguresRecord } from '#core/key-figures';
import type { FiguresStore, FiguresWrite } from '#ports/figures-store';
import { entities, itemHeader, partitionQuery } from '../../table.ts';
import { isConditionFailure } from './errors.ts';
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

  /** Writes the record unless the plan has one already (a backfill must never overwrite a newer record). */
  async putIfAbsent({ planId, record }: FiguresWrite): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...itemHeader('figures', entities.figures.key(record.org, planId)), ...record },
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
