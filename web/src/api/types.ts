/**
 * Types of the HTTP API. The shapes the API answers with are aliases of the types generated from its
 * OpenAPI document (`generated/schema.d.ts`, written by `npm run build:api`), so they cannot drift from
 * what the server sends; the form definitions and figures, which the document describes only by their
 * top-level fields, are the server's own types (types only: nothing of the server is bundled).
 */

import type { RoundVersion } from '../../../functions/core/rounds.ts';
import type { components, operations } from './generated/schema.d.ts';

type Schemas = components['schemas'];
/** The JSON a route answers with on success, for the routes whose answer is not a named component. */
type Ok<Op extends keyof operations> = operations[Op]['responses'] extends {
  200: { content: { 'application/json': infer T } };
}
  ? T
  : never;

/** The caller (`GET /api/me`). */
export type Me = Schemas['Me'];
/** One submission with its data and the actions the caller may take on it now (`allowed`). */
export type Submission = Schemas['Submission'];
export type SubmissionSummary = Schemas['SubmissionSummary'];
export type HistoryEvent = Schemas['HistoryEvent'];
export type Revision = Schemas['Revision'];
export type Organisation = Schemas['Organisation'];
export type FormListItem = Schemas['FormListItem'];
export type UserItem = Schemas['UserItem'];
/** One page of users with what the caller may grant (`GET /api/users`). */
export type UserList = Schemas['UserList'];
/** One recorded change of a user: who, when, before and after. */
export type UserAuditEntry = Schemas['UserAuditEntry'];
/** What the caller may do to a user, as the server computes it. */
export type UserAction = NonNullable<UserItem['allowed']>[number];
export type Attachment = Schemas['Attachment'];
export type AttachmentState = Attachment['state'];
/** One document of the case file (receipt, decision letter, ...), pending until rendered. */
export type CaseDocument = Schemas['CaseDocument'];
export type AccessEntry = Schemas['AccessEntry'];
export type UploadTicket = Schemas['UploadTicket'];
export type DownloadLink = Schemas['DownloadLink'];
/** The one error body. */
export type ApiErrorBody = Schemas['Error'];
/** `GET /api/submissions/{id}/case-file`: the application's timeline and what is due next (server rules). */
export type CaseFileView = Ok<'getSubmissionsIdCaseFile'>;
export type TimelineEntry = CaseFileView['timeline'][number];
export type NextStep = CaseFileView['nextSteps'][number];
/** `GET /api/submissions/{id}/decision-proposal`: pro-rata positions and the round's conditions. */
export type DecisionProposal = Ok<'getSubmissionsIdDecisionProposal'>;
/** `GET /api/organisations/{id}/profile`: address, contact person, bank account, and its version. */
export type OrgProfile = Ok<'getOrganisationsIdProfile'>;
/** The body of `PUT /api/organisations/{id}/profile`. */
export type OrgProfileBody = NonNullable<
  operations['putOrganisationsIdProfile']['requestBody']
>['content']['application/json'];
/** A transition request with a decision or reasons. */
export type DecisionBody = NonNullable<
  operations['postSubmissionsIdTransitions']['requestBody']
>['content']['application/json'];
/** `POST /api/submissions/{id}/finality`. */
export type FinalityBody = NonNullable<
  operations['postSubmissionsIdFinality']['requestBody']
>['content']['application/json'];
/** A translation of a free-text field as a save sends it (who wrote it and when may be sent back as read). */
export type FieldTranslationInput =
  | NonNullable<Submission['translations']>[string]
  | { lang: string; text: string; sourceHash?: string };
/** What the caller may do with a submission now, as the server computes it. */
export type AllowedAction = Submission['allowed'][number];
/** One page of the caller's notifications, newest first, with the unread count (`GET /api/notifications`). */
export type NotificationPage = Ok<'getNotifications'>;
/** One notification: a type, a case reference and dates, no personal data. */
export type NotificationItem = NotificationPage['items'][number];
export type NotificationType = NotificationItem['type'];
/** Marks some notifications (`ids`) or all (`all: true`) as read. */
export type MarkReadBody = { ids: string[] } | { all: true };
export type MarkReadResult = Ok<'postNotificationsRead'>;
/** The caller's notification preferences, and whether mails to their address bounced. */
export type Preferences = Ok<'getMePreferences'>;
export type PrintModel = Ok<'getSubmissionsIdPlanPrint'>;
export type PendingEmail = NonNullable<Preferences['pendingEmail']>;
export type DeliveryMode = Preferences['delivery'];

/** The preview (dry run) or the result of a planning-frame upload, problems by line. */
export type AllocationImport = Ok<'postRoundsIdAllocations'>;
/** `GET /api/rounds`: the published rounds (admins: also drafts), each with whether it is open now. */
export type RoundList = { items: Array<RoundVersion & { open: boolean }> };

export type { AccessKind } from '../../../functions/core/access-log.ts';
export type {
  FormConfig,
  FormTexts,
  FormVersion,
  WorkflowDefinition,
} from '../../../functions/core/forms.ts';
export type {
  Area,
  Cell,
  GoalStatus,
  KeyFigures,
  PublishedKeyFigures,
} from '../../../functions/core/key-figures.ts';
export type {
  Action,
  ConsentPurpose,
  ConsentWithdrawal,
  FormKind,
  JsonObject,
  Role,
  Status,
} from '../../../functions/core/model.ts';

import type { KeyFigures, PublishedKeyFigures } from '../../../functions/core/key-figures.ts';
import type { Role } from '../../../functions/core/model.ts';

export interface DemoUser {
  username: string;
  name: string;
  role: Role;
  org: string;
  orgName: string;
}

/** One municipality's planning frame ("Planungsrahmen") and what is bound in it. */
export interface AllocationRow {
  org: string;
  /** The municipality's name as the state's data gives it. */
  name?: string;
  orgName?: string;
  district?: string;
  /** Electoral district ("Wahlkreis"), where the source names one. */
  electoralDistrict?: string;
  round?: string;
  /** The source gives a rounded amount. */
  rounded?: boolean;
  frame: number;
  approved: number;
  /** Paid out on approved applications (payouts recorded). */
  paid: number;
  /** Repayment claims raised ("Rückforderung"). */
  reclaimed: number;
  inReview: number;
  /** Frame minus what is approved (amounts in review are reserved, not yet debited). */
  remaining: number;
}

/** The figures of one district, or of all rows. */
export interface AllocationTotals {
  frame: number;
  approved: number;
  paid: number;
  reclaimed: number;
  inReview: number;
  remaining: number;
}

/** An electoral district's figures: the press release's total beside the platform's own sums. */
export interface ElectoralDistrictFigure {
  electoralDistrict: string;
  pressReleaseTotal: number;
  namedMunicipalitiesSum: number;
  /** Sum of the frames the platform holds for the electoral district's municipalities. */
  platformSum: number;
  /** Approved, paid and reclaimed on the platform for the electoral district's municipalities. */
  approved: number;
  paid: number;
  reclaimed: number;
  note?: string;
  labels?: Partial<
    Record<'pressReleaseTotal' | 'namedMunicipalitiesSum' | 'platformSum', { de: string; en?: string }>
  >;
}

/** `GET /api/allocations?round=`: every row the caller may see, district totals and electoral districts. */
export interface AllocationOverview {
  round: string;
  items: AllocationRow[];
  districts: Array<AllocationTotals & { district: string }>;
  electoralDistricts: ElectoralDistrictFigure[];
  totals: AllocationTotals;
}

/**
 * `GET /api/reports/key-figures?year=`: a coordinator gets the own organisation's figures in full, a state
 * reviewer the published figures with small groups suppressed.
 */
export type KeyFiguresReport =
  | { scope: { org: string }; suppressed: false; figures: KeyFigures }
  | { scope: { org: string }; suppressed: true; figures: PublishedKeyFigures };

/** `GET /api/key-figure-reports/{year}/{org}`: one organisation's yearly report, confirmed or not yet. */
export type KeyFigureReport = Schemas['KeyFigureReport'];
/** `GET /api/key-figure-reports?year=`: per organisation whether its report came in (reviewer). */
export type KeyFigureReportOverview = Schemas['KeyFigureReportOverview'];
