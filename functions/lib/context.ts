import { ulid } from 'ulidx';
import { DynamoAllocationStore } from '#adapters/dynamodb/allocation-store';
import { documentClient } from '#adapters/dynamodb/client';
import { DynamoDirectory } from '#adapters/dynamodb/directory';
import { DynamoFormStore } from '#adapters/dynamodb/form-store';
import { DynamoSubmissionStore } from '#adapters/dynamodb/submission-store';
import type { ValidatorModule } from '#forms/types';
import { forms as repoForms, validatorModules } from '#generated/catalog';
import { AllocationService, type ElectoralDistrictFigure } from '#services/allocation-service';
import { DirectoryService } from '#services/directory-service';
import { FormCatalog } from '#services/form-catalog';
import { FundingPolicy } from '#services/funding-policy';
import { SubmissionService } from '#services/submission-service';
import { config } from './config.ts';

/** Loads a published version's validator module from its stored code (an ES module without imports). */
export const loadValidatorModule = (code: string): Promise<ValidatorModule> =>
  import(/* @vite-ignore */ `data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);

/**
 * The wiring of stores and services for the handlers, built once per container from the configuration.
 * Tests of services wire the in-memory adapters themselves.
 */
function build() {
  const { tableName } = config();
  const submissions = new DynamoSubmissionStore(documentClient, tableName);
  const directory = new DynamoDirectory(documentClient, tableName);
  const formStore = new DynamoFormStore(documentClient, tableName);
  const allocations = new DynamoAllocationStore(documentClient, tableName);
  const forms = new FormCatalog(repoForms, validatorModules, formStore, loadValidatorModule);
  const rounds = (form: { id: string }) => repoForms.find((f) => f.id === form.id)?.rounds ?? {};
  const now = () => new Date();
  const policies = { funding: new FundingPolicy(allocations, rounds) };
  return {
    submissions,
    directory,
    allocations,
    forms,
    now,
    newId: ulid,
    submissionService: new SubmissionService({ submissions, forms, directory, now, newId: ulid, policies }),
    directoryService: new DirectoryService(directory),
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
