import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, inject } from 'vitest';
import { DynamoAttachmentStore } from '../../functions/adapters/dynamodb/attachment-store.ts';
import { DynamoSubmissionStore } from '../../functions/adapters/dynamodb/submission-store.ts';
import { MemoryAttachmentStore } from '../../functions/adapters/memory/attachment-store.ts';
import { MemorySubmissionStore } from '../../functions/adapters/memory/submission-store.ts';
import { ensureTable } from '../../functions/local/bootstrap.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../functions/local/emulators.ts';
import { assertLoopback } from '../helpers/local-only.ts';
import { attachmentStoreContract } from './attachment-store.contract.ts';

const tableName = `contract-att-${Date.now().toString(36)}`;
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

attachmentStoreContract('memory', async () => {
  const submissions = new MemorySubmissionStore();
  return { submissions, attachments: new MemoryAttachmentStore(submissions) };
});
attachmentStoreContract('DynamoDB Local', async () => ({
  submissions: new DynamoSubmissionStore(doc, tableName),
  attachments: new DynamoAttachmentStore(doc, tableName),
}));
