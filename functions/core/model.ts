/** Domain vocabulary shared by server, web and infrastructure. No I/O here. */

export const ROLES = ['municipality', 'manager', 'coordinator', 'reviewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const FORM_KINDS = ['funding', 'case', 'generic'] as const;
/** `funding`: grant applications; `case`: a refugee's case data (never visible to the state); `generic`: anything else. */
export type FormKind = (typeof FORM_KINDS)[number];

export const STATUSES = ['draft', 'review', 'approved', 'revised'] as const;
export type Status = (typeof STATUSES)[number];

export const ACTIONS = ['submit', 'approve', 'return', 'amend'] as const;
export type Action = (typeof ACTIONS)[number];

export const ORG_TYPES = ['municipality', 'district', 'provider', 'state'] as const;
export type OrgType = (typeof ORG_TYPES)[number];

/** The caller, as read from the JWT authorizer claims. */
export interface Actor {
  sub: string;
  email?: string;
  name: string;
  roles: Role[];
  org: string;
}

/** A tenant: municipality (AGS where known, else a slug), district, provider or the state authority. */
export interface Organisation {
  id: string;
  name: string;
  type: OrgType;
  /** For municipalities: the district ("Landkreis") it belongs to. */
  district?: string;
  electoralDistrict?: string;
  /** Official municipality key ("Amtlicher Gemeindeschlüssel"), where known. */
  ags?: string;
  /** The administration's postal address, where stored ("Anschrift"); new applications start with it. */
  address?: PostalAddress;
  /** The account grants are paid into, where stored ("Bankverbindung"); new applications start with it. */
  bankAccount?: BankAccount;
}

/** A postal address, in the funding form's shape. */
export interface PostalAddress {
  street: string;
  houseNumber?: string;
  postalCode: string;
  city: string;
}

/** A bank account, in the funding form's shape. */
export interface BankAccount {
  accountHolder: string;
  iban: string;
  bic?: string;
  bankName?: string;
}

export interface UserProfile {
  sub: string;
  username: string;
  name: string;
  email: string;
  role: Role;
  org: string;
}

export type JsonObject = { [key: string]: unknown };

/** Whether a value is a JSON object (not null, not an array): the one check every parser here uses. */
export const isObject = (v: unknown): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
export type Localized = { de: string; en?: string };

/** A value copied out of the form data into an indexed attribute (for lists, filters, sorting). */
export type IndexedValue = string | number | boolean;

export interface Submission {
  id: string;
  formId: string;
  formVersion: number;
  kind: FormKind;
  status: Status;
  /** Optimistic-concurrency version, +1 on every write; the ETag. */
  version: number;
  /** Number of the latest frozen snapshot (0 = never submitted). */
  revision: number;
  /** Latest approved snapshot, kept beside the working state (an amended plan still counts as approved). */
  approvedRevision: number | null;
  /** True while a working copy opened by `amend` has not been submitted again. */
  amending: boolean;
  data: JsonObject;
  org: string;
  createdBy: string;
  /** Case forms: the integration manager the plan is assigned to. */
  assignedTo?: string;
  /** Funding side: the state reviewer who took the submission in the work queue (absent: unassigned). */
  reviewer?: string;
  createdAt: string;
  updatedAt: string;
  /** When the submission was first submitted (reviewers see it from then on). */
  submittedAt?: string;
  /** The comment of the latest `return`, shown to the owner side. */
  lastComment?: string;
  indexed: Record<string, IndexedValue>;
  /** The indexed values of the latest frozen snapshot (what reviewers list and see). */
  submittedIndexed?: Record<string, IndexedValue>;
  /**
   * Counts every change of the submission's attachments (kept by the attachment store, `ADD` on this item);
   * a submit is written only if it is unchanged since the attachments were read.
   */
  attachmentsVersion?: number;
  /** Joint funding applications: the member organisations (they may read it). */
  members?: string[];
  /** Funding applications: what is reserved against (in review) or debited from (approved) planning frames. */
  allocation?: {
    round: string;
    reserved: Array<{ org: string; amount: number }>;
    debited?: Array<{ org: string; amount: number }>;
  };
  /** Funding applications: the approval decision ("Bewilligung"). */
  decision?: Decision;
  /** Consent to storage was withdrawn: no further changes, kept only until `erasureDueAt`. */
  locked?: boolean;
  /** ISO date (Europe/Berlin) from which the submission is erased; reads treat it as gone from that day. */
  erasureDueAt?: string;
  /** Every consent withdrawal recorded for the plan (purpose, named body, dates), shown with it. */
  consentWithdrawals?: ConsentWithdrawal[];
  /** Drafts: text typed into a field that does not parse yet, by JSON pointer (see `core/raw-text.ts`). */
  raw?: Record<string, string>;
}

export const CONSENT_PURPOSES = ['storage', 'health', 'sharing'] as const;
/** Purposes of consent in a plan: storage of the plan, health data (GDPR Art. 9), sharing with one named body. */
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

/** One recorded withdrawal of consent ("Widerruf der Einwilligung"). */
export interface ConsentWithdrawal {
  purpose: ConsentPurpose;
  /** For `sharing`: the item id of the sharing consent and the named body it was given for. */
  sharingId?: string;
  body?: string;
  /** ISO date the person withdrew consent. */
  withdrawnAt: string;
  /** When it was recorded on the platform, and by whom. */
  recordedAt: string;
  recordedBy: { sub: string; name: string };
}

/** The approval decision of a funding application, recorded as data. */
export interface Decision {
  requestedAmount: number;
  approvedAmount: number;
  /** Required when less than requested is approved (partial approval). */
  reason?: string;
  /** Approved amounts per position (by the position's id), where the decision names them. */
  positions?: Array<{ id: string; approvedAmount: number }>;
  /** File number ("Aktenzeichen"). */
  fileNumber: string;
  /** Conditions ("Nebenbestimmungen"), one text each. */
  conditions?: string[];
  /** The funded period as decided, ISO dates. */
  fundingStart?: string;
  fundingEnd?: string;
  /** ISO date (Europe/Berlin). */
  decisionDate: string;
  decidedBy: { sub: string; name: string };
}

export type SubmissionSummary = Omit<Submission, 'data'>;

export interface Revision {
  submissionId: string;
  n: number;
  formVersion: number;
  data: JsonObject;
  /** SHA-256 of the canonical JSON of `data`, hex. */
  dataSha256: string;
  attachments: string[];
  createdAt: string;
  createdBy: string;
  /** Content removed after it was frozen (health data after its consent was withdrawn); pointers only. */
  redacted?: Array<{ purpose: ConsentPurpose; at: string; pointers: string[] }>;
}

/** `migrated`: the platform moved the working copy to a newer form version (no person acted). */
export const EVENT_TYPES = [
  'created',
  'saved',
  'transition',
  'assigned',
  'consent',
  'migrated',
  'reviewer',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export interface HistoryEvent {
  submissionId: string;
  /** The submission version this event produced; unique per submission and ordered. */
  version: number;
  type: EventType;
  at: string;
  actor: { sub: string; name: string };
  role: Role;
  action?: Action;
  from?: Status;
  to?: Status;
  comment?: string;
  revision?: number;
  /** For `assigned`: the new assignee. */
  assignedTo?: string;
  /** For `assigned`: the assignee before (told of the change too). */
  previousAssignee?: string;
  /** For `reviewer`: the reviewer who took the submission (absent: released). */
  reviewer?: string;
  /** For `consent`: what was withdrawn, and which fields and revisions were redacted (never their content). */
  consent?: {
    purpose: ConsentPurpose;
    withdrawnAt: string;
    body?: string;
    redactedPointers?: string[];
    redactedRevisions?: number[];
  };
  /** For `migrated`: the form versions, and the language code read from the free text, if any. */
  migration?: { fromVersion: number; toVersion: number; language?: string };
}
