import type { FundingRound } from '#core/allocation-rules';
import type { FormConfig, FormTexts, WorkflowDefinition } from '#core/forms';
import type { JsonObject } from '#core/model';

/** A form folder of this repository, as the build step reads it. */
export interface RepoForm {
  id: string;
  /** Immutable schema per version number. */
  versions: Record<number, JsonObject>;
  uiSchema: JsonObject;
  workflow: WorkflowDefinition;
  config: FormConfig;
  /** Funding rounds (`rounds/<id>.json`), for funding forms. */
  rounds: Record<string, FundingRound>;
  /** Texts per language: German and English always, other languages where a form has them. */
  i18n: { de: FormTexts; en: FormTexts } & Partial<Record<string, FormTexts>>;
}

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
