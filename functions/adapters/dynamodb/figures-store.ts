import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { FiguresRecord } from '#core/key-figures';
import type { FiguresStore } from '#ports/figures-store';

/** One partition per organisation, one item per plan. */
export const figuresKey = (org: string, planId: string) => ({ pk: `FIGURES#${org}`, sk: planId });

export class DynamoFiguresStore implements FiguresStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async listByOrg(org: string): Promise<FiguresRecord[]> {
    const records: FiguresRecord[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const out = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': `FIGURES#${org}` },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of out.Items ?? []) {
        const { pk: _pk, sk: _sk, entity: _e, schemaVersion: _s, ...record } = item;
        records.push(record as FiguresRecord);
      }
      startKey = out.LastEvaluatedKey;
    } while (startKey);
    return records;
  }
}
