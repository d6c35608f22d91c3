import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { conflict } from '#core/errors';
import type { KeyFigureReport } from '#core/key-figure-report';
import type { KeyFigureReportStore } from '#ports/key-figure-report-store';
import { entities, itemHeader, partitionQuery } from '../../table.ts';
import { isConditionFailure } from './errors.ts';
import { queryAll, withoutKeys } from './query.ts';

/** One partition per year, one item per organisation (entity `key-figure-report`), written once. */
export class DynamoKeyFigureReportStore implements KeyFigureReportStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(year: number, org: string): Promise<KeyFigureReport | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: entities.keyFigureReport.key(year, org) }),
    );
    return Item ? withoutKeys<KeyFigureReport>(Item) : undefined;
  }

  async listByYear(year: number): Promise<KeyFigureReport[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      ...partitionQuery('keyFigureReportsOfYear', String(year)),
    });
    return items.map((item) => withoutKeys<KeyFigureReport>(item));
  }

  async create(report: KeyFigureReport): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...itemHeader('keyFigureReport', entities.keyFigureReport.key(report.year, report.org)),
            ...report,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (isConditionFailure(error))
        throw conflict(
          'key_figure_report.already_confirmed',
          'The key figures of this year are confirmed already.',
        );
      throw error;
    }
  }
}
