import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { SchemaStore } from '#ports/schema-store';
import { entities, itemHeader, table } from '../../table.ts';
import { isConditionFailure } from './errors.ts';

const KEY = entities.schemaVersion.key();

/** The schema version item (pk `SCHEMA`, sk `VERSION`) and the table's index status. */
export class DynamoSchemaStore implements SchemaStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  async version(): Promise<number> {
    const out = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: KEY, ConsistentRead: true }),
    );
    return typeof out.Item?.version === 'number' ? out.Item.version : 0;
  }

  async advance(from: number, to: number, at: string): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...itemHeader('schemaVersion', KEY), version: to, migratedAt: at },
          ConditionExpression: from === 0 ? 'attribute_not_exists(pk) OR version = :from' : 'version = :from',
          ExpressionAttributeValues: { ':from': from },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async waitForIndexes(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const wanted = table.indexes.map((i) => i.name);
    for (;;) {
      const { Table } = await this.client.send(new DescribeTableCommand({ TableName: this.tableName }));
      const indexes = Table?.GlobalSecondaryIndexes ?? [];
      const notReady = wanted.filter(
        (name) => indexes.find((i) => i.IndexName === name)?.IndexStatus !== 'ACTIVE',
      );
      if (Table?.TableStatus === 'ACTIVE' && notReady.length === 0) return;
      if (Date.now() > deadline) {
        throw new Error(`Indexes not active after ${timeoutMs} ms: ${notReady.join(', ') || 'table'}.`);
      }
      await this.sleep(2000);
    }
  }
}
