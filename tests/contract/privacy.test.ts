import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DynamoAccessLogStore } from '../../functions/adapters/dynamodb/access-log.ts';
import { DynamoAttachmentStore } from '../../functions/adapters/dynamodb/attachment-store.ts';
import { DynamoErasureStore } from '../../functions/adapters/dynamodb/erasure-store.ts';
import { DynamoFiguresStore } from '../../functions/adapters/dynamodb/figures-store.ts';
import { DynamoSubmissionStore } from '../../functions/adapters/dynamodb/submission-store.ts';
import { MemoryAccessLogStore } from '../../functions/adapters/memory/access-log.ts';
import { MemoryAttachmentStore } from '../../functions/adapters/memory/attachment-store.ts';
import { MemoryErasureStore } from '../../functions/adapters/memory/erasure-store.ts';
import { MemoryFiguresStore } from '../../functions/adapters/memory/figures-store.ts';
import { MemorySubmissionStore } from '../../functions/adapters/memory/submission-store.ts';
import { createTableInput, ensureTable } from '../../functions/local/bootstrap.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../functions/local/emulators.ts';
import { assertLoopback } from '../helpers/local-only.ts';
import { privacyStoreContract } from './privacy-store.contract.ts';

const tableName = `contract-priv-${Date.now().toString(36)}`;
let raw: DynamoDBClient;
let doc: DynamoDBDocumentClient;

beforeAll(async () => {
  raw = new DynamoDBClient({
    endpoint: assertLoopback(inject('dynamoEndpoint')),
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  doc = DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } });
  await ensureTable(raw, tableName);
});
afterAll(() => raw.destroy());

privacyStoreContract('memory', async () => {
  const figures = new MemoryFiguresStore();
  const submissions = new MemorySubmissionStore(undefined, figures);
  const attachments = new MemoryAttachmentStore(submissions);
  const accessLog = new MemoryAccessLogStore();
  return {
    submissions,
    attachments,
    accessLog,
    figures,
    erasure: new MemoryErasureStore(submissions, attachments, accessLog),
  };
});
privacyStoreContract('DynamoDB Local', async () => ({
  submissions: new DynamoSubmissionStore(doc, tableName),
  attachments: new DynamoAttachmentStore(doc, tableName),
  accessLog: new DynamoAccessLogStore(doc, tableName),
  figures: new DynamoFiguresStore(doc, tableName),
  erasure: new DynamoErasureStore(doc, tableName),
}));

describe('local table bootstrap', () => {
  it('adds the erasure index to a table kept from an older version', async () => {
    const name = `${tableName}-old`;
    const input = createTableInput(name);
    await raw.send(
      new CreateTableCommand({
        ...input,
        AttributeDefinitions: input.AttributeDefinitions?.filter((a) => !a.AttributeName?.startsWith('gsi5')),
        GlobalSecondaryIndexes: input.GlobalSecondaryIndexes?.filter((i) => i.IndexName !== 'gsi5'),
      }),
    );
    expect(await ensureTable(raw, name)).toBe(false);
    const described = await raw.send(new DescribeTableCommand({ TableName: name }));
    expect(described.Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName)).toContain('gsi5');
  });
});
