import { ulid } from 'ulidx';
import { DynamoAccessLogStore } from '#adapters/dynamodb/access-log';
import { DynamoAllocationStore } from '#adapters/dynamodb/allocation-store';
import { DynamoAttachmentStore } from '#adapters/dynamodb/attachment-store';
import { documentClient } from '#adapters/dynamodb/client';
import { DynamoDirectory } from '#adapters/dynamodb/directory';
import { DynamoSubmissionStore } from '#adapters/dynamodb/submission-store';
import { AccessRecorder } from '#services/access-recorder';
import { RevisionAttachments } from '#services/attachment-service';
import { CasePolicy } from '#services/case-policy';
import { FundingPolicy } from '#services/funding-policy';
import { OutboxSubmissionStore } from '#services/outbox';
import { RetentionGuardStore } from '#services/retention-guard';
import { SubmissionService } from '#services/submission-service';
import { config } from './config.ts';
import { formCatalog } from './forms-context.ts';

export { registerRepoValidators } from './forms-context.ts';

/**
 * The wiring of stores and services for the handlers, built once per container from the configuration.
 * Tests of services wire the in-memory adapters themselves.
 */
function build() {
  const { tableName } = config();
  const now = () => new Date();
  // Every use case reads through the retention guard: what is due for erasure is gone before the job runs.
  const submissionTable = new DynamoSubmissionStore(documentClient, tableName);
  // Every change writes the notification event it reports in its own transaction (the outbox).
  const submissions = new RetentionGuardStore(new OutboxSubmissionStore(submissionTable), now);
  const accessLog = new DynamoAccessLogStore(documentClient, tableName);
  const recorder = new AccessRecorder(accessLog, now, ulid);
  const directory = new DynamoDirectory(documentClient, tableName);
  const allocations = new DynamoAllocationStore(documentClient, tableName);
  const attachments = new DynamoAttachmentStore(documentClient, tableName);
  const forms = formCatalog();
  const policies = { funding: new FundingPolicy(allocations), case: new CasePolicy() };
  return {
    submissions,
    submissionTable,
    accessLog,
    recorder,
    directory,
    allocations,
    attachments,
    forms,
    now,
    newId: ulid,
    submissionService: new SubmissionService({
      submissions,
      forms,
      directory,
      now,
      newId: ulid,
      policies,
      // S3 and the attachment use cases are wired in `attachment-context.ts`, for the functions that need them.
      attachments: new RevisionAttachments(attachments),
      access: recorder,
    }),
  };
}

let built: ReturnType<typeof build> | undefined;
export const context = () => {
  built ??= build();
  return built;
};
