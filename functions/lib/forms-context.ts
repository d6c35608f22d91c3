import { documentClient } from '#adapters/dynamodb/client';
import { DynamoFormStore } from '#adapters/dynamodb/form-store';
import type { ValidatorModule } from '#forms/types';
import { forms as repoForms } from '#generated/catalog';
import { FormCatalog } from '#services/form-catalog';
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
