/** Domain vocabulary shared by server, web and infrastructure. No I/O here. */

export const ROLES = ['municipality', 'manager', 'coordinator', 'reviewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const FORM_KINDS = ['funding', 'case', 'generic'] as const;
/** `funding`: grant applications; `case`: a refugee's case data (never visible to the state); `generic`: anything else. */
export type FormKind = (typeof FORM_KINDS)[number];

/** `rejected` ("abgelehnt"), `withdrawn` ("zurückgenommen", by the applicant), `revoked` ("widerrufen"). */
export const STATUSES = [
  'draft',
  'review',
  'approved',
  'revised',
  'rejected',
  'withdrawn',
  'revoked',
] as const;
export type Status = (typeof STATUSES)[number];

/**
 * `reject` refuses, `withdraw` is the applicant's withdrawal before the decision, `revoke` revokes an approval;
 * `confirm` and `discard` settle a four-eyes proposal (see `core/four-eyes.ts`).
 */
export const ACTIONS = [
  'submit',
  'approve',
  'return',
  'amend',
  'reject',
  'withdraw',
  'revoke',
  'confirm',
  'discard',
] as const;
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
  /** The person the granting authority asks ("Ansprechperson"), where stored; new applications start with it. */
  contact?: ContactPerson;
  /** How often the organisation's own users changed the profile above (its `ETag`); absent: never. */
  profileVersion?: number;
  /** When and by whom (user id) the profile was last changed. */
  profileUpdatedAt?: string;
  profileUpdatedBy?: string;
}

/** A contact person, in the funding form's shape (`$defs/person`). */
export interface ContactPerson {
  name: string;
  function?: string;
  phone?: string;
  email?: string;
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
  /** False once deactivated (no sign-in); absent or true: active. */
  active?: boolean;
}

export type JsonObject = { [key: string]: unknown };

/** Whether a value is a JSON object (not null, not an array): the one check every parser here uses. */
export const isObject = (v: unknown): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
export type Localized = { de: string; en?: string };

/** A value copied out of the form data into an indexed attribute (for lists, filters, sorting). */
export type IndexedValue = string | number | boolean;

/** A funding round's version an application is pinned to. */
export interface RoundPin {
  round: string;
  version: number;
}

/** One stored translation of a free text ("Übersetzung"; rules in `core/translations.ts`). */
export interface FieldTranslation {
  /** BCP 47 code: `de`, or the person's language. */
  lang: string;
  text: string;
  /** Fingerprint of the text it translates (`textFingerprint`): a translation never moves to another text. */
  sourceHash: string;
  /** Who wrote it (or last changed it), and when. */
  by: { sub: string; name: string };
  at: string;
}
/** Translations of free text beside a submission's data, by the field's JSON pointer. */
export type Translations = Record<string, FieldTranslation>;

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
  /** File number ("Aktenzeichen"), assigned at the first submit where the form's configuration names one. */
  fileNumber?: string;
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
  /** Joint funding applications: each member's confirmation of its participation and share (see core/joint-confirmation). */
  jointConfirmations?: ShareConfirmation[];
  /** Funding applications: what is reserved against (in review) or debited from (approved) planning frames. */
  allocation?: {
    round: string;
    reserved: Array<{ org: string; amount: number }>;
    debited?: Array<{ org: string; amount: number }>;
  };
  /**
   * Funding applications: the round version the application started in (or last chose its round in). Its
   * rates and rules stay those of that version; later published corrections do not change them.
   */
  roundPin?: RoundPin;
  /** Funding applications: the approval decision ("Bewilligung"). */
  decision?: Decision;
  /** Four-eyes forms: a reviewer's approval or refusal waiting for a second reviewer (shown to reviewers only). */
  proposal?: Proposal;
  /** Consent to storage was withdrawn: no further changes, kept only until `erasureDueAt`. */
  locked?: boolean;
  /** ISO date (Europe/Berlin) from which the submission is erased; reads treat it as gone from that day. */
  erasureDueAt?: string;
  /** Every consent withdrawal recorded for the plan (purpose, named body, dates), shown with it. */
  consentWithdrawals?: ConsentWithdrawal[];
  /** Drafts: text typed into a field that does not parse yet, by JSON pointer (see `core/raw-text.ts`). */
  raw?: Record<string, string>;
  /** Translations of free text, by the field's JSON pointer (see `core/translations.ts`); frozen with a revision. */
  translations?: Translations;
  /** A follow-up record (payment request, change notice, proof of use): the funding application it belongs to. */
  parentId?: string;
  /** A funding application: its follow-up records and the money moved since the decision (`core/follow-up.ts`). */
  followUp?: FollowUp;
  /** A follow-up record: what the reviewer decided on it beyond its status (payout, repayment claim, amendment). */
  result?: FollowUpResult;
}

/** A follow-up record as its application lists it (kept in step in the record's own transactions). */
export interface FollowUpRef {
  id: string;
  formId: string;
  status: Status;
  createdAt: string;
  /** Payment requests: the amount requested (counted from its submit). */
  amount?: number;
  /** Payment requests: the amount paid out, and the day. */
  paid?: number;
  paidOn?: string;
  /** Proofs of use: the repayment claimed ("Rückforderung"), principal and interest. */
  reclaimed?: number;
}

/** One amendment of the decision by an approved change notice ("Änderungsbescheid"). */
export interface DecisionAmendment {
  noticeId: string;
  at: string;
  by: { sub: string; name: string };
  from: number;
  to: number;
  /** The document the amendment calls for (issued by the document rules). */
  document: 'amended-decision';
}

/** A funding application's follow-up state: its records, the amended approval, the amended positions. */
export interface FollowUp {
  children: FollowUpRef[];
  /** The approved amount as amended by change notices (absent: the decision's). */
  approvedAmount?: number;
  /** The positions as amended by change notices, as monthly segments (see `core/follow-up.ts`). */
  positions?: AmendedPosition[];
  amendments?: DecisionAmendment[];
}

/** A funded position over its months: each segment a run of months with the same staffing (gaps: vacant). */
export interface AmendedPosition {
  id: string;
  startDate: string;
  /** Months funded in all (an interruption of salary payments extends it). */
  months: number;
  segments: Array<{ from: number; months: number; fte: number; qualification: string; personName?: string }>;
}

/** What the reviewer decided on a follow-up record beyond its status. */
export interface FollowUpResult {
  /** Payment requests: the reviewer confirmed a bank account other than the application's. */
  bankAccountConfirmed?: boolean;
  payout?: { amount: number; paidOn: string; recordedAt: string; recordedBy: { sub: string; name: string } };
  /** Change notices: the entitlement recomputed with the round's rates, before and after the change. */
  entitlement?: { before: number; after: number; approvedBefore: number; approvedAfter: number };
  /** Proofs of use: accepted as it is, or with a repayment claim. */
  claim?: {
    principal: number;
    interest: number;
    total: number;
    proposed: { principal: number; interest: number };
    reason?: string;
    claimedOn: string;
  };
}

/** One member's confirmation of its participation in a joint application, with the share it saw. */
export interface ShareConfirmation {
  org: string;
  /** The share (EUR) the member confirmed; 0 where the application names none. */
  share: number;
  confirmedAt: string;
  confirmedBy: { sub: string; name: string };
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

/** A first reviewer's decision on a four-eyes form, waiting for a different reviewer to confirm it. */
export interface Proposal {
  action: 'approve' | 'reject';
  /** The decision as the proposing reviewer sent it (approve), checked when proposed and again when confirmed. */
  decision?: DecisionRequest;
  /** The reasons (reject) or a note. */
  comment?: string;
  proposedBy: { sub: string; name: string };
  proposedAt: string;
}

/** A decision as a reviewer sends it (before the server adds the requested amount, file number and who decided). */
export interface DecisionRequest {
  approvedAmount?: number;
  positions?: Array<{ id: string; approvedAmount: number }>;
  reason?: string;
  conditions?: string | string[];
  conditionKeys?: string[];
  fundingStart?: string;
  fundingEnd?: string;
  fileNumber?: string;
  decisionDate?: string;
  roundVersion?: number;
}

/**
 * How a decision becomes final ("bestandskräftig"), recorded step by step (see `core/finality.ts`): made
 * available for retrieval (§ 41 (2a) LVwVfG), retrieved, notified by other means, remedy waived, an action filed.
 */
export interface Finality {
  /** When the applicant was told the decision is ready for retrieval (ISO date-time). */
  readyAt: string;
  /** The applicant side's first retrieval (ISO date-time). */
  retrievedAt?: string;
  /** How it was notified: by retrieval, or by post after the retrieval window ended unused. */
  notifiedBy?: 'retrieval' | 'post';
  /** The legal-remedy notice ("Rechtsbehelfsbelehrung") is missing or wrong: one year instead of one month. */
  remedyNoticeDefective?: boolean;
  /** The applicant waived legal remedy ("Rechtsbehelfsverzicht"), ISO date. */
  remedyWaivedOn?: string;
  /** An action was filed against the decision ("Klage erhoben"), ISO date; not final while it runs. */
  actionFiledOn?: string;
  /** The action ended and the decision stands, ISO date (recorded by a reviewer). */
  actionClosedOn?: string;
}

/** The approval decision of a funding application, recorded as data. */
export interface Decision {
  /** Absent: approved. A refusal has `approvedAmount` 0 and its reasons in `reason`. */
  outcome?: 'approved' | 'rejected';
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
  /** Four-eyes forms: the reviewer who proposed it (`decidedBy` confirmed it). */
  proposedBy?: { sub: string; name: string };
  /** Catalogue conditions chosen (their texts are in `conditions`, as they stood on the decision date). */
  conditionKeys?: string[];
  /**
   * A later correction of the round applied by the reviewer ("spätere Fassung"): the version applied, and the
   * one the application was pinned to. Absent: the decision applies the pinned version.
   */
  roundVersion?: number;
  pinnedRoundVersion?: number;
  /** ISO date the decision counts as notified ("bekanntgegeben"). */
  notifiedAt?: string;
  /** ISO date from which the decision is final ("bestandskräftig"); absent while it is not. */
  finalAt?: string;
  finality?: Finality;
  /** The approval was revoked ("Widerruf"): a repayment claim follows; the frames stay debited until then. */
  revocation?: {
    reason: string;
    date: string;
    by: { sub: string; name: string };
    /** The repayment claim that follows it, where money was paid out (its own document, "Rückforderungsbescheid"). */
    claim?: { principal: number; interest: number; total: number };
  };
}

export type SubmissionSummary = Omit<Submission, 'data'>;

export interface Revision {
  submissionId: string;
  n: number;
  formVersion: number;
  data: JsonObject;
  /** SHA-256 of the canonical JSON of `data`, hex. */
  dataSha256: string;
  /** The translations of free text as they were when the revision was frozen. */
  translations?: Translations;
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
  'proposal',
  'finality',
  'payout',
  'member-confirmed',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const FINALITY_STEPS = [
  'retrieved',
  'notified_by_post',
  'remedy_notice',
  'remedy_waived',
  'action_filed',
  'action_closed',
] as const;
export type FinalityStep = (typeof FINALITY_STEPS)[number];

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
  /** For `transition` (four-eyes): who proposed what the actor confirmed. */
  proposedBy?: { sub: string; name: string };
  /** For `finality`: the step recorded and its date. */
  finality?: { step: FinalityStep; date?: string; value?: boolean };
  /** For `created`/`saved` of a joint application: the member organisations asked to confirm their share. */
  asked?: string[];
  /** For `member-confirmed`: the member and the share it confirmed. */
  confirmation?: { org: string; share: number };
  /** For `migrated`: the form versions, and the language code read from the free text, if any. */
  migration?: { fromVersion: number; toVersion: number; language?: string };
}
