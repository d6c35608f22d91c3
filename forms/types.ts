import type { FundingRound } from '#core/allocation-rules';
import type { FormConfig, FormTexts, WorkflowDefinition } from '#core/forms';
import type { JsonObject } from '#core/model';

/**
 * A form folder of this repository, the part every function may need at once (small): built into the code
 * (`forms/generated/catalog.js`). The schemas, UI schema and texts are its `RepoFormContent`.
 */
export interface RepoForm {
  id: string;
  /** The numbers of its schema versions (each immutable). */
  versions: readonly number[];
  /** The German title and, if the English texts have one, the English title. */
  title: { de: string; en?: string };
  workflow: WorkflowDefinition;
  config: FormConfig;
  /** Funding rounds (`rounds/<id>.json`), for funding forms. */
  rounds: Record<string, FundingRound>;
}

/**
 * The large part of a form folder (the texts of every language above all): not bundled, but written to a
 * file of its own (`forms/generated/<formId>.form.json`, see `repoFormFile`) that a function ships beside
 * its bundle and reads on first use.
 */
export interface RepoFormContent {
  /** Immutable schema per version number. */
  schemas: Record<number, JsonObject>;
  uiSchema: JsonObject;
  /** Texts by language tag, one per `i18n/<tag>.json`; German and English always present. */
  i18n: { de: FormTexts; en: FormTexts } & Record<string, FormTexts>;
}

/** Reads a repository form's content (once per container: the catalogue keeps it). */
export type RepoFormContentLoader = (formId: string) => Promise<RepoFormContent>;

/**
 * The publish-time validator compiler (`validatorModuleCode` and the full `PRELUDE`) as one module of its own
 * in `forms/generated/`: the function that publishes form versions ships it beside its bundle and imports it
 * on the first publish, so that ajv's compiler is not part of its bundle.
 */
export const VALIDATOR_COMPILER_FILE = 'validator-compiler.mjs';

/** The file name of a repository form's content in `forms/generated/` and beside a function's bundle. */
export const repoFormFile = (formId: string) => `${formId}.form.json`;

/** An ajv standalone validate function (what ajv's `ValidateFunction` is, without ajv's types). */
export interface ValidateFn {
  (data: unknown): boolean;
  errors?: ValidationIssue[] | null;
}

export interface ValidationIssue {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/** A generated validator module: one function per schema rjsf validates against, and the root's key. */
export interface ValidatorModule {
  validators: Record<string, ValidateFn>;
  rootKey: string;
  default: Record<string, ValidateFn>;
}
