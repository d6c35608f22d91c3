import { DynamoAttachmentStore } from '../../functions/adapters/dynamodb/attachment-store.ts';
import { DynamoSubmissionStore } from '../../functions/adapters/dynamodb/submission-store.ts';
import { MemoryAttachmentStore } from '../../functions/adapters/memory/attachment-store.ts';
import { MemorySubmissionStore } from '../../functions/adapters/memory/submission-store.ts';
import { localTable } from '../helpers/dynamo.ts';
import { attachmentStoreContract } from './attachment-store.contract.ts';

const table = localTable('contract-att');

attachmentStoreContract('memory', async () => {
  const submissions = new MemorySubmissionStore();
  return { submissions, attachments: new MemoryAttachmentStore(submissions) };
});
attachmentStoreContract('DynamoDB Local', async () => ({
  submissions: new DynamoSubmissionStore(table.doc, table.tableName),
  attachments: new DynamoAttachmentStore(table.doc, table.tableName),
}));
