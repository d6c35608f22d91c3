import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ulid } from 'ulidx';
import { DynamoAccessLogStore } from '#adapters/dynamodb/access-log';
import { DynamoAllocationStore } from '#adapters/dynamodb/allocation-store';
import { DynamoAttachmentStore } from '#adapters/dynamodb/attachment-store';
import { DynamoCaseFileStore } from '#adapters/dynamodb/case-file-store';
import { documentClient } from '#adapters/dynamodb/client';
import { DynamoDirectory } from '#adapters/dynamodb/directory';
import { DynamoErasureStore } from '#adapters/dynamodb/erasure-store';
import { DynamoFiguresStore } from '#adapters/dynamodb/figures-store';
import { DynamoFormStore } from '#adapters/dynamodb/form-store';
import { DynamoKeyFigureReportStore } from '#adapters/dynamodb/key-figure-report-store';
import { DynamoNotificationStore } from '#adapters/dynamodb/notification-store';
import { DynamoRoundStore } from '#adapters/dynamodb/round-store';
import { DynamoSubmissionStore } from '#adapters/dynamodb/submission-store';
import { type RepoFormContent, repoFormFile, type ValidatorModule } from '#forms/types';
import { forms as repoForms } from '#generated/catalog';
import { config } from './config.ts';
import type {
  allocationService,
  FormAdapters,
  keyFigureReportService,
  reportService,
  roundService,
  TableAdapters,
} from './services.ts';

/**
 * The precompiled validators of the repository's forms. They are not bundled: the function that validates
 * ships the generated modules as files (in AWS beside its bundle, locally in `forms/generated/`) and
 * registers them here (`registerRepoValidators`); each is imported on its first use. Locally all handler
 * groups share one process and so one registry.
 */
const repoValidators: Record<string, () => Promise<ValidatorModule>> = {};
export const registerRepoValidators = (files: Record<string, string>) => {
  for (const [key, file] of Object.entries(files)) {
    repoValidators[key] = () =>
      import(/* @vite-ignore */ pathToFileURL(join(config().validatorsDir, file)).href);
  }
};

/**
 * Reads a repository form's schemas, UI schema and texts from its file (in AWS beside the bundle, locally in
 * `forms/generated/`): they are not bundled, so that no function loads the texts of every language at start.
 */
export const readRepoFormContent = async (formId: string): Promise<RepoFormContent> =>
  JSON.parse(await readFile(join(config().formsDir, repoFormFile(formId)), 'utf8')) as RepoFormContent;

/** Loads a published version's validator module from its stored code (an ES module without imports). */
export const loadValidatorModule = (code: string): Promise<ValidatorModule> =>
  import(/* @vite-ignore */ `data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);

/*
 * The DynamoDB adapters of the one table, built once per container (locally: once per process, shared by
 * every handler group). A function takes the smallest selection that serves its use cases, and bundles
 * only the stores that selection names: the form functions only the form store, the reports function no
 * attachment, erasure or form store. The S3 adapters are added by `aws-files.ts`, for the functions that
 * handle files only.
 */

const tableName = () => config().tableName;
const now = () => new Date();

let forms: FormAdapters | undefined;
/** The form catalogue's adapters (one form store per process: see `formCatalog`). */
export function awsFormAdapters(): FormAdapters {
  forms ??= {
    forms: new DynamoFormStore(documentClient, tableName()),
    repoForms,
    repoFormContent: readRepoFormContent,
    repoValidators,
    loadValidator: loadValidatorModule,
  };
  return forms;
}

let reports:
  | (Parameters<typeof reportService>[0] &
      Parameters<typeof allocationService>[0] &
      Parameters<typeof keyFigureReportService>[0])
  | undefined;
/** The reports' adapters: planning frames, figures, the submissions (for the application list), the directory. */
export function awsReportAdapters() {
  reports ??= {
    submissions: new DynamoSubmissionStore(documentClient, tableName()),
    figures: new DynamoFiguresStore(documentClient, tableName()),
    keyFigureReports: new DynamoKeyFigureReportStore(documentClient, tableName()),
    directory: new DynamoDirectory(documentClient, tableName()),
    allocations: new DynamoAllocationStore(documentClient, tableName()),
    rounds: awsRoundAdapters().rounds,
    repoForms,
    now,
  };
  return reports;
}

let rounds: Parameters<typeof roundService>[0] | undefined;
/** The round registry's adapters. */
export function awsRoundAdapters() {
  rounds ??= {
    rounds: new DynamoRoundStore(documentClient, tableName()),
    directory: new DynamoDirectory(documentClient, tableName()),
    now,
  };
  return rounds;
}

let table: TableAdapters | undefined;
/** Every table adapter. */
export function awsTableAdapters(): TableAdapters {
  table ??= {
    ...awsFormAdapters(),
    submissions: new DynamoSubmissionStore(documentClient, tableName()),
    accessLog: new DynamoAccessLogStore(documentClient, tableName()),
    directory: new DynamoDirectory(documentClient, tableName()),
    allocations: new DynamoAllocationStore(documentClient, tableName()),
    attachments: new DynamoAttachmentStore(documentClient, tableName()),
    caseFiles: new DynamoCaseFileStore(documentClient, tableName()),
    figures: new DynamoFiguresStore(documentClient, tableName()),
    keyFigureReports: new DynamoKeyFigureReportStore(documentClient, tableName()),
    erasure: new DynamoErasureStore(documentClient, tableName()),
    notifications: new DynamoNotificationStore(documentClient, tableName()),
    rounds: awsRoundAdapters().rounds,
    now,
    newId: ulid,
  };
  return table;
}
