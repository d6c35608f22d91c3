import { ulid } from 'ulidx';
import { DynamoAccessLogStore } from '#adapters/dynamodb/access-log';
import { DynamoAllocationStore } from '#adapters/dynamodb/allocation-store';
import { DynamoAttachmentStore } from '#adapters/dynamodb/attachment-store';
import { documentClient } from '#adapters/dynamodb/client';
import { DynamoDirectory } from '#adapters/dynamodb/directory';
import { DynamoFiguresStore } from '#adapters/dynamodb/figures-store';
import { DynamoFormStore } from '#adapters/dynamodb/form-store';
import { DynamoSubmissionStore } from '#adapters/dynamodb/submission-store';
import type { ValidatorModule } from '#forms/types';
import { forms as repoForms } from '#generated/catalog';
import { AccessRecorder } from '#services/access-recorder';
import { AllocationService, type ElectoralDistrictFigure } from '#services/allocation-service';
import { RevisionAttachments } from '#services/attachment-service';
import { CasePolicy } from '#services/case-policy';
import { DirectoryService } from '#services/directory-service';
import { FormCatalog } from '#services/form-catalog';
import { FundingPolicy } from '#services/funding-policy';
import { ReportService } from '#services/report-service';
import { RetentionGuardStore } from '#services/retention-guard';
import { SubmissionService } from '#services/submission-service';
import { config } from './config.ts';

/**
 * The precompiled validators of the repository's forms. Only the functions that validate form data
 * register them (`registerRepoValidators`), so the others do not bundle them (they are the largest part
 * of a bundle). Locally all handler groups share one process and so one registry.
 */
const repoValidators: Record<string, () => Promise<ValidatorModule>> = {};
export const registerRepoValidators = (loaders: Record<string, () => Promise<ValidatorModule>>) => {
  Object.assign(repoValidators, loaders);
};

/** Loads a published version's validator module from its stored code (an ES module without imports). */
export const loadValidatorModule = (code: string): Promise<ValidatorModule> =>
  import(/* @vite-ignore */ `data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);

/**
 * The wiring of stores and services for the handlers, built once per container from the configuration.
 * Tests of services wire the in-memory adapters themselves.
 */
function build() {
  const { tableName } = config();
  const now = () => new Date();
  // Every use case reads through the retention guard: what is due for erasure is gone before the job runs.
  const submissionTable = new DynamoSubmissionStore(documentClient, tableName);
  const submissions = new RetentionGuardStore(submissionTable, now);
  const accessLog = new DynamoAccessLogStore(documentClient, tableName);
  const recorder = new AccessRecorder(accessLog, now, ulid);
  const directory = new DynamoDirectory(documentClient, tableName);
  const formStore = new DynamoFormStore(documentClient, tableName);
  const allocations = new DynamoAllocationStore(documentClient, tableName);
  const attachments = new DynamoAttachmentStore(documentClient, tableName);
  const forms = new FormCatalog(repoForms, repoValidators, formStore, loadValidatorModule);
  const rounds = (form: { id: string }) => repoForms.find((f) => f.id === form.id)?.rounds ?? {};
  const figures = new DynamoFiguresStore(documentClient, tableName);
  const policies = { funding: new FundingPolicy(allocations, rounds), case: new CasePolicy() };
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
    directoryService: new DirectoryService(directory),
    reportService: new ReportService(figures, submissions, directory, now),
    allocationService: new AllocationService(allocations, repoForms, (round) =>
      repoForms.flatMap(
        (f) =>
          (f.rounds?.[round] as { electoralDistricts?: ElectoralDistrictFigure[] } | undefined)
            ?.electoralDistricts ?? [],
      ),
    ),
  };
}

let built: ReturnType<typeof build> | undefined;
export const context = () => {
  built ??= build();
  return built;
};
