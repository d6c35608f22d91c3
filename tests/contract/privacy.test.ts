import { CreateTableCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
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
import { localTable } from '../helpers/dynamo.ts';
import { privacyStoreContract } from './privacy-store.contract.ts';

const table = localTable('contract-priv');

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
  submissions: new DynamoSubmissionStore(table.doc, table.tableName),
  attachments: new DynamoAttachmentStore(table.doc, table.tableName),
  accessLog: new DynamoAccessLogStore(table.doc, table.tableName),
  figures: new DynamoFiguresStore(table.doc, table.tableName),
  erasure: new DynamoErasureStore(table.doc, table.tableName),
}));

describe('local table bootstrap', () => {
  it('adds the erasure index to a table kept from an older version', async () => {
    const name = `${table.tableName}-old`;
    const input = createTableInput(name);
    await table.raw.send(
      new CreateTableCommand({
        ...input,
        AttributeDefinitions: input.AttributeDefinitions?.filter((a) => !a.AttributeName?.startsWith('gsi5')),
        GlobalSecondaryIndexes: input.GlobalSecondaryIndexes?.filter((i) => i.IndexName !== 'gsi5'),
      }),
    );
    expect(await ensureTable(table.raw, name)).toBe(false);
    const described = await table.raw.send(new DescribeTableCommand({ TableName: name }));
    expect(described.Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName)).toContain('gsi5');
  });
});
