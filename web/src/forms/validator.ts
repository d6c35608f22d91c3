/**
 * Loads a form version's precompiled validators (`/validators/<formId>/v<N>.js`, written at build time
 * for the repository's forms and at publish time for forms published later) and wraps them for rjsf.
 * No JSON Schema is compiled in the browser, so the page needs no `unsafe-eval`.
 */
import type { RJSFSchema, ValidatorType } from '@rjsf/utils';
import createPrecompiledValidator from '@rjsf/validator-ajv8/lib/createPrecompiledValidator.js';
import type { ValidatorFunctions } from '@rjsf/validator-ajv8/lib/types.js';

interface ValidatorModule {
  validators: ValidatorFunctions;
  rootKey: string;
}

const modules = new Map<string, Promise<ValidatorModule>>();
const loaded = new Map<string, ValidatorModule>();

/**
 * The module if it has already arrived (a page that loads its data fetches it alongside): the form can then be
 * drawn in its first render, without a loading line that it replaces.
 */
export const loadedValidatorModule = (formId: string, version: number): ValidatorModule | undefined =>
  loaded.get(`/validators/${encodeURIComponent(formId)}/v${version}.js`);

export function loadValidatorModule(formId: string, version: number): Promise<ValidatorModule> {
  const url = `/validators/${encodeURIComponent(formId)}/v${version}.js`;
  let promise = modules.get(url);
  if (!promise) {
    promise = import(/* @vite-ignore */ url) as Promise<ValidatorModule>;
    promise.then(
      (module) => loaded.set(url, module),
      () => modules.delete(url),
    );
    modules.set(url, promise);
  }
  return promise;
}

export function makeValidator(
  module: ValidatorModule,
  schema: RJSFSchema,
  localizer: (
    errors?: null | { keyword: string; params: Record<string, unknown>; message?: string }[],
  ) => void,
): ValidatorType {
  return createPrecompiledValidator(module.validators, schema, localizer as never);
}
