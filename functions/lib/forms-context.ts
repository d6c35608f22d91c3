import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { documentClient } from '#adapters/dynamodb/client';
import { DynamoFormStore } from '#adapters/dynamodb/form-store';
import type { ValidatorModule } from '#forms/types';
import { forms as repoForms } from '#generated/catalog';
import { FormCatalog } from '#services/form-catalog';
import { config } from './config.ts';

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

/** Loads a published version's validator module from its stored code (an ES module without imports). */
export const loadValidatorModule = (code: string): Promise<ValidatorModule> =>
  import(/* @vite-ignore */ `data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);

export { repoForms };

let catalog: FormCatalog | undefined;
/** All form versions (the repository's and those published at run time), built once per container. */
export const formCatalog = () => {
  catalog ??= new FormCatalog(
    repoForms,
    repoValidators,
    new DynamoFormStore(documentClient, config().tableName),
    loadValidatorModule,
  );
  return catalog;
};
