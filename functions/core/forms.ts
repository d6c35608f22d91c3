import type { FundingRound } from './allocation-rules.ts';
import type { FormKind, JsonObject, Localized, Role, Status } from './model.ts';

export const TEXT_DIRECTIONS = ['ltr', 'rtl'] as const;
export type TextDirection = (typeof TEXT_DIRECTIONS)[number];

/** `draft`: not yet checked by a certified translator; `reviewed`: checked (by whom and when in `meta`). */
export const REVIEW_STATUSES = ['draft', 'reviewed'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** What a bundle says about itself. */
export interface TextsMeta {
  /** BCP 47 language tag; equals the file's name. */
  language: string;
  /** The language's own name ("endonym"), as its readers write it. */
  name: string;
  direction: TextDirection;
  reviewStatus: ReviewStatus;
  reviewedBy: string | null;
  /** ISO date of the check. */
  reviewedOn: string | null;
  /** Who the text is written for, where the code alone does not say it (e.g. Dari and Farsi readers). */
  note?: string;
}

/** A form's workflow file (`forms/<formId>/workflow.json`). */
export interface WorkflowDefinition {
  kind: FormKind;
  /** Roles that may start a submission. */
  start: Role[];
  /** Roles that may submit (the owner side). */
  submit: Role[];
  /** Roles that review (approve / return). */
  review: Role[];
  /** Whether an approved submission may be continued (`amend`). */
  amend: boolean;
  /** Whether an amended submission must be reviewed again; if not, `submit` approves it directly. */
  amendNeedsReview: boolean;
  /** Fields copied into indexed attributes for lists: name → JSON pointer into the data. */
  indexed?: Record<string, string>;
  /**
   * Four-eyes rule ("Vier-Augen-Prinzip"): a reviewer's approval or refusal is a proposal that a different
   * reviewer confirms. Not for case forms.
   */
  fourEyes?: boolean;
}

/** Per-form limits and rules (`forms/<formId>/config.json`); sections are read by the parts that own them. */
export interface FormConfig {
  attachments?: {
    allowedTypes?: string[];
    maxBytes?: number;
    maxFiles?: number;
    kinds?: string[];
  };
  /** Attachment kinds (from `attachments.kinds`) that must be attached, available, before a submit. */
  requiredAttachments?: string[];
  retention?: JsonObject;
  [section: string]: unknown;
}

/**
 * A form's texts in one language: title, state labels, per-field overrides keyed by JSON pointer into the
 * schema and, for forms that are printed for a person, the print's own words (`print`).
 */
export interface FormTexts {
  /** Which language, how it is written, whether a certified translator has checked it. */
  meta?: TextsMeta;
  title?: string;
  description?: string;
  states?: Partial<Record<Status, string>>;
  fields?: Record<string, { title?: string; description?: string; help?: string; enumNames?: string[] }>;
  print?: Record<string, string>;
  [key: string]: unknown;
}

/** A form's texts by BCP 47 language tag (`de`, `en`, `uk`, `ar`, `fa`, …); German is the reference. */
export type FormI18n = Partial<Record<string, FormTexts>>;

/** One immutable, published version of a form. */
export interface FormVersion {
  id: string;
  version: number;
  title: Localized;
  schema: JsonObject;
  uiSchema: JsonObject;
  workflow: WorkflowDefinition;
  config: FormConfig;
  i18n: FormI18n;
  publishedAt: string;
  /** `repo`: shipped in `forms/`; `published`: published at run time by an admin. */
  source: 'repo' | 'published';
  /** Funding forms: the funding rounds (rates, minimums), data of the repository's form, for every version. */
  rounds?: Record<string, FundingRound>;
}

/**
 * The rules that protect people, tied to the form kind in code and never only to the editable workflow
 * file: whoever a workflow names, these bounds apply.
 */
export const KIND_RULES: Record<
  FormKind,
  {
    starters: readonly Role[];
    reviewers: readonly Role[];
    visibleTo: readonly Role[];
    sameOrgReview: boolean;
  }
> = {
  funding: {
    starters: ['municipality'],
    reviewers: ['reviewer'],
    visibleTo: ['municipality', 'reviewer'],
    sameOrgReview: false,
  },
  // Case data of refugees: never the state (reviewer) and never admin.
  case: {
    starters: ['manager'],
    reviewers: ['coordinator'],
    visibleTo: ['manager', 'coordinator'],
    sameOrgReview: true,
  },
  generic: {
    starters: ['municipality', 'manager', 'coordinator'],
    reviewers: ['coordinator', 'reviewer'],
    visibleTo: ['municipality', 'manager', 'coordinator', 'reviewer'],
    sameOrgReview: false,
  },
};

/**
 * Fields the platform's rules read, per kind. A new version of a `funding` or `case` form must keep them
 * (JSON pointers into the schema's properties).
 */
export const KIND_REQUIRED_FIELDS: Record<FormKind, readonly string[]> = {
  funding: ['/round', '/positions'],
  case: ['/header/caseId', '/consent'],
  generic: [],
};

/** Effective roles: the workflow's list bounded by the kind's rules. */
export function effectiveRoles(workflow: WorkflowDefinition, step: 'start' | 'submit' | 'review'): Role[] {
  const rules = KIND_RULES[workflow.kind];
  const bound = step === 'review' ? rules.reviewers : rules.starters;
  return workflow[step].filter((role) => bound.includes(role) && rules.visibleTo.includes(role));
}
