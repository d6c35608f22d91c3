import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, inject } from 'vitest';
import { ensureTable } from '../../functions/local/bootstrap.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../functions/local/emulators.ts';
import { assertLoopback } from './local-only.ts';

/**
 * A fresh table on the run's shared DynamoDB Local for one test file: created in beforeAll, its client
 * destroyed in afterAll. Read `raw`, `doc` and `tableName` inside tests or store factories (not at import).
 */
export function localTable(prefix: string) {
  const table = {
    tableName: `${prefix}-${Date.now().toString(36)}`,
    raw: undefined as unknown as DynamoDBClient,
    doc: undefined as unknown as DynamoDBDocumentClient,
  };
  beforeAll(async () => {
    table.raw = new DynamoDBClient({
      endpoint: assertLoopback(inject('dynamoEndpoint')),
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
    });
    table.doc = DynamoDBDocumentClient.from(table.raw, { marshallOptions: { removeUndefinedValues: true } });
    await ensureTable(table.raw, table.tableName);
  });
  afterAll(() => table.raw?.destroy());
  return table;
}
