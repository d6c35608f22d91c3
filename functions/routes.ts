/**
 * The one route table and API contract: read by the CDK stack (one API Gateway route each, integrated with
 * its handler group's function), by the local server (which matches a request and calls the same handler),
 * by the validator build (`functions/api/build.ts`: precompiled validators of every declared schema) and by
 * the OpenAPI document (`GET /api/openapi.json`).
 * Each group is one Lambda function with its entry point at `functions/http/<group>.ts`.
 * Local-only sign-in routes (`/local/*`) are deliberately not here: they are never deployed.
 */
import * as caseFile from './api/schemas/case-file.ts';
import * as common from './api/schemas/common.ts';
import * as follow from './api/schemas/follow-up.ts';
import * as kfr from './api/schemas/key-figure-reports.ts';
import * as notes from './api/schemas/notifications.ts';
import * as print from './api/schemas/print.ts';
import * as profile from './api/schemas/profile.ts';
import * as res from './api/schemas/resources.ts';
import * as rounds from './api/schemas/rounds.ts';
import * as sub from './api/schemas/submissions.ts';
import * as users from './api/schemas/users.ts';
import { BREACH_CODES } from './core/allocation-rules.ts';
import type { Role } from './core/model.ts';

export const HANDLER_GROUPS = [
  'forms',
  'submissions',
  'directory',
  'admin',
  'reports',
  'attachments',
  'privacy',
  'documents',
  'notifications',
  'users',
] as const;
export type HandlerGroup = (typeof HANDLER_GROUPS)[number];

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A JSON Schema (2020-12) as plain data. */
export type JsonSchema = { readonly [key: string]: unknown };

/** One answer of a route: JSON with a schema, or another media type with a byte limit (CSV, a JSON file). */
export interface ResponseSpec {
  description: string;
  schema?: JsonSchema;
  /** Default `application/json`. */
  mediaType?: string;
  maxBytes?: number;
  /** The same answer in another media type, chosen by a query parameter (e.g. `format=csv`). */
  alternative?: { mediaType: string; maxBytes: number };
}

export interface Route {
  method: HttpMethod;
  /** API Gateway route path, with `{param}` placeholders. */
  path: `/api/${string}` | '/api';
  group: HandlerGroup;
  summary: string;
  tags: readonly string[];
  /** Roles that may call it at all (the services decide per resource). Empty for public routes. */
  roles: readonly Role[];
  /** Readable without sign-in (no authorizer). Only for routes that hold no data. */
  public?: true;
  params?: JsonSchema;
  query?: JsonSchema;
  /** A JSON request body (refused if larger than `MAX_BODY_BYTES`). */
  body?: JsonSchema;
  /**
   * A request body of another media type (e.g. `text/csv`), handed to the operation as text: refused unless
   * declared so (415) or if larger than `maxBytes` (413). The use case checks its content.
   */
  rawBody?: { mediaType: string; maxBytes: number };
  /** Success answers by status; errors are the one error body. */
  responses: Readonly<Record<number, ResponseSpec>>;
  /** Domain error codes it may answer (the request and sign-in errors every route may give are added). */
  errors: readonly string[];
}

/** The error codes every route of its shape may answer, besides its own (`errors`). */
export function commonErrors(route: Route): string[] {
  // Any route: a fault, a dependency down or stalled (503), a client over its rate (429), huge headers (431).
  const codes = ['internal', 'dependency.unavailable', 'request.rate_limited', 'request.headers_too_large'];
  if (!route.public) codes.push('auth.unauthorized');
  if (route.params || route.query || route.body) codes.push('request.invalid');
  // A body is parsed (and refused) before the route's schema is looked at, on every write.
  if (route.body || route.rawBody || route.method !== 'GET') {
    codes.push(
      'request.malformed_json',
      'request.too_deep',
      'request.too_large',
      'request.unsupported_media_type',
      'request.unsafe_number',
    );
  }
  // Writes accept an Idempotency-Key (see `functions/lib/idempotency.ts`).
  if (route.method !== 'GET') {
    codes.push('idempotency.bad_key', 'idempotency.key_reused', 'idempotency.in_progress');
  }
  return codes;
}

const ALL_ROLES = ['municipality', 'manager', 'coordinator', 'reviewer', 'admin'] as const;
const OWNERS = ['municipality', 'manager', 'coordinator'] as const;
const SUBMISSION_READERS = ['municipality', 'manager', 'coordinator', 'reviewer'] as const;
const PLAN_ROLES = ['manager', 'coordinator'] as const;

const ok = (description: string, schema?: JsonSchema): ResponseSpec => ({
  description,
  ...(schema ? { schema } : {}),
});
const csv = (description: string): ResponseSpec => ({
  description,
  mediaType: 'text/csv',
  maxBytes: 50 * 1024 * 1024,
});

/** Why a caller may not manage a user (`functions/core/user-admin.ts`). */
const USER_REFUSALS = [
  'users.manage_forbidden',
  'users.role_not_grantable',
  'users.other_organisation',
  'users.own_organisation',
] as const;

const SUBMISSION_READ = ['submission.not_found'] as const;
/** Why a follow-up record is not started from its application. */
const FOLLOW_UP_START = [
  'followUp.not_a_follow_up',
  'followUp.parent_required',
  'followUp.parent_invalid',
  'followUp.too_many',
  'followUp.not_approved',
  'followUp.decision_not_final',
  'followUp.period_ended',
  'followUp.lead_only',
] as const;
/** Why a follow-up record's submit or approval is refused. */
const FOLLOW_UP_TRANSITION = [
  'followUp.parent_invalid',
  'followUp.not_approved',
  'followUp.decision_not_final',
  'followUp.period_ended',
  'followUp.round_unknown',
  'paymentRequest.exceeds_available',
  'paymentRequest.period_outside',
  'paymentRequest.bank_account_unconfirmed',
  'changeNotice.unknown_position',
  'changeNotice.invalid_dates',
  'repayment.reason_required',
  'repayment.exceeds_paid',
] as const;
const SUBMISSION_WRITE = [
  'submission.not_found',
  'submission.forbidden',
  'submission.locked',
  'submission.not_editable',
  'submission.stale_version',
  'submission.version_required',
] as const;

export const routes = [
  {
    method: 'GET',
    path: '/api/me',
    group: 'directory',
    summary: 'The caller: name, roles, organisation',
    tags: ['directory'],
    roles: ALL_ROLES,
    query: common.noQuery,
    responses: { 200: ok('The caller', res.me) },
    errors: [],
  },
  {
    method: 'GET',
    path: '/api/organisations',
    group: 'directory',
    summary: 'Every organisation (public facts: names, districts)',
    tags: ['directory'],
    roles: ALL_ROLES,
    query: common.noQuery,
    responses: { 200: ok('The organisations', common.itemsOf(res.organisation)) },
    errors: [],
  },
  // An organisation's profile: its own municipality users keep it; new applications start with it.
  {
    method: 'GET',
    path: '/api/organisations/{id}/profile',
    group: 'directory',
    summary:
      "The organisation's profile (address, contact person, bank account) with its version as ETag (its municipality users)",
    tags: ['directory'],
    roles: ['municipality'],
    params: profile.profileParams,
    query: common.noQuery,
    responses: { 200: ok('The profile', profile.profileView) },
    errors: ['profile.forbidden', 'organisation.not_found'],
  },
  {
    method: 'PUT',
    path: '/api/organisations/{id}/profile',
    group: 'directory',
    summary:
      "Replace the organisation's profile (its municipality users; If-Match required); only new applications start with it",
    tags: ['directory'],
    roles: ['municipality'],
    params: profile.profileParams,
    query: common.noQuery,
    body: profile.profileBody,
    responses: { 200: ok('The profile as changed', profile.profileView) },
    errors: [
      'profile.forbidden',
      'organisation.not_found',
      'profile.version_required',
      'profile.changed',
      'bank.iban_invalid',
    ],
  },
  // The user administration: admins everyone; coordinators and municipality leads their own organisation.
  {
    method: 'GET',
    path: '/api/users',
    group: 'users',
    summary:
      "Users, by name, paged: admins all (optionally of one organisation), others their own organisation's; optionally of one role",
    tags: ['users'],
    roles: ['municipality', 'manager', 'coordinator', 'admin'],
    query: users.usersQuery,
    responses: { 200: ok('The users', users.userList) },
    errors: ['users.forbidden', 'users.other_organisation', 'list.bad_cursor'],
  },
  {
    method: 'POST',
    path: '/api/users',
    group: 'users',
    summary: 'Invite a user (name, e-mail, role, organisation): an invitation mail, MFA at the first sign-in',
    tags: ['users'],
    roles: ['municipality', 'coordinator', 'admin'],
    query: common.noQuery,
    body: users.inviteBody,
    responses: { 201: ok('The invited user', users.userItem) },
    errors: [...USER_REFUSALS, 'users.exists', 'organisation.not_found'],
  },
  {
    method: 'PATCH',
    path: '/api/users/{id}',
    group: 'users',
    summary: "Change a user's role or organisation, deactivate or reactivate them, reset their second factor",
    tags: ['users'],
    roles: ['municipality', 'coordinator', 'admin'],
    params: users.userParams,
    query: common.noQuery,
    body: users.changeBody,
    responses: { 200: ok('The user as changed', users.userItem) },
    errors: [
      ...USER_REFUSALS,
      'users.own_account',
      'users.last_admin',
      'users.not_found',
      'users.changed',
      'organisation.not_found',
    ],
  },
  {
    method: 'GET',
    path: '/api/users/{id}/audit',
    group: 'users',
    summary: 'Every recorded change of a user: who, when, before and after (admin)',
    tags: ['users'],
    roles: ['admin'],
    params: users.userParams,
    query: common.noQuery,
    responses: { 200: ok('The changes, oldest first', users.auditList) },
    errors: ['users.audit_forbidden', 'users.not_found'],
  },

  {
    method: 'GET',
    path: '/api/openapi.json',
    group: 'forms',
    summary: 'This API described as OpenAPI 3.1, with the forms published now',
    tags: ['meta'],
    roles: [],
    public: true,
    query: common.noQuery,
    responses: {
      200: ok('The OpenAPI document', {
        type: 'object',
        required: ['openapi', 'paths'],
        properties: { openapi: { type: 'string', maxLength: 10 }, paths: { type: 'object' } },
      }),
    },
    errors: [],
  },
  {
    method: 'GET',
    path: '/api/forms',
    group: 'forms',
    summary: 'The forms the caller may use, each in its latest version',
    tags: ['forms'],
    roles: ALL_ROLES,
    query: common.noQuery,
    responses: { 200: ok('The forms', common.itemsOf(res.formListItem, 1000)) },
    errors: [],
  },
  {
    method: 'GET',
    path: '/api/forms/{formId}',
    group: 'forms',
    summary: "A form's latest version: schema, UI schema, workflow, config, texts",
    tags: ['forms'],
    roles: ALL_ROLES,
    params: res.formParams,
    query: common.noQuery,
    responses: { 200: ok('The form version', res.formVersion) },
    errors: ['form.not_found'],
  },
  {
    method: 'GET',
    path: '/api/forms/{formId}/versions/{version}',
    group: 'forms',
    summary: 'A given version of a form',
    tags: ['forms'],
    roles: ALL_ROLES,
    params: res.formVersionParams,
    query: common.noQuery,
    responses: { 200: ok('The form version', res.formVersion) },
    errors: ['form.not_found'],
  },
  // Publishing compiles validators: its own function, so reading forms stays small and fast to start.
  {
    method: 'POST',
    path: '/api/forms/{formId}/versions',
    group: 'admin',
    summary: 'Publish a new version of a form (or a new form)',
    tags: ['forms'],
    roles: ['admin'],
    params: res.formParams,
    query: common.noQuery,
    body: res.publishBody,
    responses: { 201: ok('The published version', res.formVersion) },
    errors: [
      'form.publish_forbidden',
      'form.bad_id',
      'form.invalid',
      'form.schema_invalid',
      'form.unsupported_keywords',
      'form.kind_fields_missing',
      'form.kind_changed',
      'form.version_exists',
    ],
  },

  {
    method: 'GET',
    path: '/api/submissions',
    group: 'submissions',
    summary: 'The submissions the caller may see, newest first, paginated',
    tags: ['submissions'],
    roles: SUBMISSION_READERS,
    query: sub.listQuery,
    responses: { 200: ok('One page', sub.submissionPage) },
    errors: [
      'form.not_found',
      'list.bad_cursor',
      'submission.list_forbidden',
      'queue.unsupported_filter',
      'queue.bad_search',
      'queue.reviewers_only',
    ],
  },
  {
    method: 'POST',
    path: '/api/submissions',
    group: 'submissions',
    summary: 'Start a submission of a form (a draft)',
    tags: ['submissions'],
    roles: OWNERS,
    query: common.noQuery,
    body: sub.createBody,
    responses: { 201: ok('The new draft', sub.submission) },
    errors: [
      ...FOLLOW_UP_START,
      'submission.not_found',
      'form.not_found',
      'submission.start_forbidden',
      'submission.invalid_data',
      'consent.health_required',
      'allocation.exceeded',
      'round.closed',
    ],
  },
  {
    method: 'GET',
    path: '/api/submissions/{id}',
    group: 'submissions',
    summary: 'A submission as the caller may see it (reviewers: the submitted snapshot), with ETag',
    tags: ['submissions'],
    roles: SUBMISSION_READERS,
    params: common.submissionParams,
    query: common.noQuery,
    responses: { 200: ok('The submission', sub.submission) },
    errors: SUBMISSION_READ,
  },
  {
    method: 'PUT',
    path: '/api/submissions/{id}',
    group: 'submissions',
    summary: 'Save a draft (If-Match required); drafts may be incomplete, never wrongly typed',
    tags: ['submissions'],
    roles: OWNERS,
    params: common.submissionParams,
    query: common.noQuery,
    body: sub.saveBody,
    responses: { 200: ok('The saved submission', sub.submission) },
    errors: [...SUBMISSION_WRITE, 'submission.invalid_data', 'consent.health_required'],
  },
  {
    method: 'POST',
    path: '/api/submissions/{id}/transitions',
    group: 'submissions',
    summary:
      'Submit, approve, return (with a comment), amend, reject or revoke (with reasons), withdraw; four-eyes forms: confirm or discard a proposed decision (If-Match required)',
    tags: ['submissions'],
    roles: [...OWNERS, 'reviewer'],
    params: common.submissionParams,
    query: common.noQuery,
    body: sub.transitionBody,
    responses: { 200: ok('The submission after the transition', sub.submission) },
    errors: [
      ...SUBMISSION_WRITE,
      'submission.incomplete',
      'submission.invalid_data',
      'consent.health_required',
      'workflow.action_not_allowed',
      'workflow.amend_not_allowed',
      'workflow.comment_required',
      'workflow.proposal_pending',
      'workflow.no_proposal',
      'workflow.four_eyes_same_reviewer',
      'attachments.pending',
      'attachments.required',
      'attachments.changed',
      'allocation.exceeded',
      'allocation.missing',
      'decision.invalid',
      'decision.reason_required',
      'decision.round_version_unknown',
      'decision.round_version_older',
      'round.closed',
      'joint.confirmation_missing',
      ...BREACH_CODES,
      ...FOLLOW_UP_TRANSITION,
    ],
  },
  {
    method: 'GET',
    path: '/api/submissions/{id}/children',
    group: 'submissions',
    summary: "A funding application's follow-up records (payment requests, change notices, proofs of use)",
    tags: ['submissions'],
    roles: ['municipality', 'reviewer'],
    params: common.submissionParams,
    query: common.noQuery,
    responses: {
      200: ok('The records the caller may see, newest first', common.itemsOf(sub.submissionSummary, 200)),
    },
    errors: SUBMISSION_READ,
  },
  {
    method: 'GET',
    path: '/api/submissions/{id}/case-file',
    group: 'submissions',
    summary:
      "A funding application's case file: every step in order and what is due next, by whom and by when",
    tags: ['submissions'],
    roles: ['municipality', 'reviewer'],
    params: common.submissionParams,
    query: common.noQuery,
    responses: { 200: ok('The timeline and the next steps', caseFile.caseFileView) },
    errors: SUBMISSION_READ,
  },
  {
    method: 'POST',
    path: '/api/submissions/{id}/payout',
    group: 'submissions',
    summary: 'Record the payout of a released payment request, with its date (reviewer)',
    tags: ['submissions'],
    roles: ['reviewer'],
    params: common.submissionParams,
    query: common.noQuery,
    body: follow.payoutBody,
    responses: { 200: ok('The payment request with its payout', sub.submission) },
    errors: [
      ...SUBMISSION_READ,
      'submission.stale_version',
      'payout.forbidden',
      'paymentRequest.not_released',
      'paymentRequest.already_paid',
      'followUp.parent_invalid',
    ],
  },
  {
    method: 'GET',
    path: '/api/submissions/{id}/decision-proposal',
    group: 'submissions',
    summary:
      'Reviewer: the decision form’s starting point: positions split pro rata to approvedAmount (whole euros, adding up exactly) and the round’s conditions catalogue',
    tags: ['submissions'],
    roles: ['reviewer'],
    params: common.submissionParams,
    query: sub.decisionProposalQuery,
    responses: { 200: ok('The proposal', sub.decisionProposal) },
    errors: [
      ...SUBMISSION_READ,
      'submission.forbidden',
      'workflow.action_not_allowed',
      'decision.invalid',
      'decision.round_version_unknown',
      'decision.round_version_older',
    ],
  },
  {
    method: 'POST',
    path: '/api/submissions/{id}/finality',
    group: 'submissions',
    summary:
      'Record a step towards the decision being final: notified by post, legal-remedy notice defective, action filed or closed (reviewer); legal remedy waived (applicant) (If-Match required)',
    tags: ['submissions'],
    roles: ['municipality', 'reviewer'],
    params: common.submissionParams,
    query: common.noQuery,
    body: sub.finalityBody,
    responses: { 200: ok('The submission with its decision', sub.submission) },
    errors: [
      ...SUBMISSION_READ,
      'submission.forbidden',
      'submission.stale_version',
      'submission.version_required',
      'finality.not_applicable',
      'finality.already_notified',
      'finality.retrieval_pending',
      'finality.invalid_date',
      'finality.not_notified',
      'finality.already_waived',
      'finality.no_action',
    ],
  },
  {
    method: 'GET',
    path: '/api/submissions/{id}/history',
    group: 'submissions',
    summary: 'Every event of a submission',
    tags: ['submissions'],
    roles: SUBMISSION_READERS,
    params: common.submissionParams,
    query: common.noQuery,
    responses: { 200: ok('The events, oldest first', common.itemsOf(sub.historyEvent, 100_000)) },
    errors: SUBMISSION_READ,
  },
  {
    method: 'GET',
    path: '/api/submissions/{id}/revisions/{n}',
    group: 'submissions',
    summary: 'A frozen snapshot',
    tags: ['submissions'],
    roles: SUBMISSION_READERS,
    params: sub.revisionParams,
    query: common.noQuery,
    responses: { 200: ok('The revision', sub.revision) },
    errors: [...SUBMISSION_READ, 'revision.not_found'],
  },
  {
    method: 'POST',
    path: '/api/submissions/{id}/assignee',
    group: 'submissions',
    summary: 'Reassign a plan to another integration manager (coordinator)',
    tags: ['submissions'],
    roles: ['coordinator'],
    params: common.submissionParams,
    query: common.noQuery,
    body: sub.assignBody,
    responses: { 200: ok('The reassigned plan', sub.submission) },
    errors: [
      ...SUBMISSION_READ,
      'submission.assign_forbidden',
      'submission.stale_version',
      'assignee.invalid',
    ],
  },
  {
    method: 'POST',
    path: '/api/submissions/{id}/reviewer',
    group: 'submissions',
    summary: "Take, assign or release a submission in the reviewer's work queue (reviewers)",
    tags: ['submissions'],
    roles: ['reviewer'],
    params: common.submissionParams,
    query: common.noQuery,
    body: sub.reviewerBody,
    responses: { 200: ok('The submission with its reviewer', sub.submission) },
    errors: [
      ...SUBMISSION_READ,
      'queue.assign_forbidden',
      'submission.stale_version',
      'queue.reviewer_invalid',
    ],
  },

  {
    method: 'POST',
    path: '/api/submissions/{id}/member-confirmation',
    group: 'submissions',
    summary:
      "A joint application's member confirms its participation and the share it was shown (municipality)",
    tags: ['submissions'],
    roles: ['municipality'],
    params: common.submissionParams,
    query: common.noQuery,
    body: sub.memberConfirmationBody,
    responses: { 200: ok('The application with the confirmation', sub.submission) },
    errors: [
      ...SUBMISSION_READ,
      'joint.confirmation_forbidden',
      'joint.not_confirmable',
      'joint.share_changed',
      'submission.stale_version',
    ],
  },

  // Attachments: uploads go straight to S3 with a presigned POST, never through a function.
  {
    method: 'GET',
    path: '/api/submissions/{id}/attachments',
    group: 'attachments',
    summary: 'The attachments of a submission',
    tags: ['attachments'],
    roles: SUBMISSION_READERS,
    params: common.submissionParams,
    query: common.noQuery,
    responses: { 200: ok('The attachments', common.itemsOf(res.attachment, 1000)) },
    errors: SUBMISSION_READ,
  },
  {
    method: 'POST',
    path: '/api/submissions/{id}/attachments',
    group: 'attachments',
    summary:
      'Ask for an upload: a presigned POST straight to storage (for a plan also the scan of an agreed revision signed on paper)',
    tags: ['attachments'],
    roles: OWNERS,
    params: common.submissionParams,
    query: common.noQuery,
    body: res.uploadBody,
    responses: { 201: ok('The pending attachment and where to upload it', res.uploadTicket) },
    errors: [
      ...SUBMISSION_WRITE,
      'attachments.type_not_allowed',
      'attachments.too_large',
      'attachments.kind_not_allowed',
      'attachments.too_many',
      'attachments.changed',
      'attachments.signed_not_applicable',
      'attachments.signed_not_agreed',
      'attachments.signed_exists',
    ],
  },
  {
    method: 'POST',
    path: '/api/submissions/{id}/attachments/{attachmentId}/complete',
    group: 'attachments',
    summary: 'Confirm an upload: size, type by its bytes, SHA-256, malware verdict',
    tags: ['attachments'],
    roles: OWNERS,
    params: res.attachmentParams,
    query: common.noQuery,
    responses: {
      200: ok('Available', res.attachment),
      202: ok('Waiting for the malware verdict', res.attachment),
    },
    errors: [
      ...SUBMISSION_WRITE,
      'attachments.not_found',
      'attachments.wrong_state',
      'attachments.changed',
      'attachments.not_uploaded',
      'attachments.too_large',
      'attachments.size_mismatch',
      'attachments.type_mismatch',
      'attachments.too_many_pages',
      'attachments.malware_found',
      'attachments.scan_failed',
      'attachments.replaced',
    ],
  },
  {
    method: 'GET',
    path: '/api/submissions/{id}/attachments/{attachmentId}',
    group: 'attachments',
    summary: 'A download link (valid 5 minutes)',
    tags: ['attachments'],
    roles: SUBMISSION_READERS,
    params: res.attachmentParams,
    query: common.noQuery,
    responses: { 200: ok('The link', res.downloadLink) },
    errors: [...SUBMISSION_READ, 'attachments.not_found', 'attachments.not_available'],
  },
  {
    method: 'DELETE',
    path: '/api/submissions/{id}/attachments/{attachmentId}',
    group: 'attachments',
    summary: 'Delete an attachment (drafts and returned submissions; not frozen ones)',
    tags: ['attachments'],
    roles: OWNERS,
    params: res.attachmentParams,
    query: common.noQuery,
    responses: { 204: ok('Deleted') },
    errors: [...SUBMISSION_WRITE, 'attachments.not_found', 'attachments.frozen', 'attachments.changed'],
  },

  {
    method: 'GET',
    path: '/api/submissions/{id}/diff',
    group: 'submissions',
    summary: 'Field-by-field changes between two revisions (to=working: the working copy)',
    tags: ['submissions'],
    roles: SUBMISSION_READERS,
    params: common.submissionParams,
    query: sub.diffQuery,
    responses: { 200: ok('The changes', sub.diffResult) },
    errors: [...SUBMISSION_READ, 'diff.bad_revision'],
  },

  // Data protection of plans: consent withdrawal, the access log (read only), the subject-access export.
  {
    method: 'POST',
    path: '/api/submissions/{id}/consent',
    group: 'privacy',
    summary: "Record a withdrawal of a plan's consent (storage, health, sharing)",
    tags: ['privacy'],
    roles: PLAN_ROLES,
    params: common.submissionParams,
    query: common.noQuery,
    body: res.consentBody,
    responses: { 200: ok('The plan after the withdrawal', sub.submission) },
    errors: [
      ...SUBMISSION_READ,
      'submission.forbidden',
      'submission.locked',
      'consent.forbidden',
      'consent.invalid_request',
      'consent.not_applicable',
      'consent.not_given',
      'consent.unknown_sharing',
      'submission.stale_version',
    ],
  },
  {
    method: 'GET',
    path: '/api/submissions/{id}/access-log',
    group: 'privacy',
    summary: "Every read of a plan's data",
    tags: ['privacy'],
    roles: PLAN_ROLES,
    params: common.submissionParams,
    query: common.noQuery,
    responses: { 200: ok('The log, newest first', common.itemsOf(res.accessEntry, 1_000_000)) },
    errors: [...SUBMISSION_READ, 'access_log.not_found'],
  },
  {
    method: 'GET',
    path: '/api/submissions/{id}/export',
    group: 'privacy',
    summary: "Everything stored about a plan's person, as one JSON document (GDPR Art. 15; coordinator)",
    tags: ['privacy'],
    roles: ['coordinator'],
    params: common.submissionParams,
    query: common.noQuery,
    responses: { 200: ok('The export', res.subjectAccessExport) },
    errors: [...SUBMISSION_READ, 'export.forbidden', 'export.not_applicable'],
  },

  // Documents for the person, rendered as PDF: the plan in German beside the person's language, the export.
  {
    method: 'GET',
    path: '/api/submissions/{id}/plan.pdf',
    group: 'documents',
    summary:
      "An integration plan as a PDF to read and sign: German beside the person's language (manager, coordinator)",
    tags: ['documents'],
    roles: PLAN_ROLES,
    params: common.submissionParams,
    // Bounded here; the service checks the language code and the revision (its own error codes).
    query: {
      type: 'object',
      additionalProperties: false,
      properties: {
        lang: { type: 'string', maxLength: 35 },
        revision: { type: 'string', maxLength: 10 },
      },
    },
    responses: { 200: { description: 'The plan', mediaType: 'application/pdf', maxBytes: 20 * 1024 * 1024 } },
    errors: [
      ...SUBMISSION_READ,
      'document.not_found',
      'document.forbidden',
      'document.bad_revision',
      'document.bad_language',
      'document.language_unavailable',
      'revision.not_found',
    ],
  },
  {
    method: 'GET',
    path: '/api/submissions/{id}/plan-print',
    group: 'documents',
    summary:
      "An integration plan's print model for the browser's print view: the blocks its PDF is made of (manager, coordinator)",
    tags: ['documents'],
    roles: PLAN_ROLES,
    params: common.submissionParams,
    // Bounded here; the service checks the language code and the revision (its own error codes).
    query: {
      type: 'object',
      additionalProperties: false,
      properties: {
        lang: { type: 'string', maxLength: 35 },
        revision: { type: 'string', maxLength: 10 },
      },
    },
    responses: { 200: ok('The print model', print.printModel) },
    errors: [
      ...SUBMISSION_READ,
      'document.not_found',
      'document.forbidden',
      'document.bad_revision',
      'document.bad_language',
      'document.language_unavailable',
      'revision.not_found',
    ],
  },
  {
    method: 'GET',
    path: '/api/submissions/{id}/export.pdf',
    group: 'documents',
    summary: "Everything stored about a plan's person as a readable PDF (GDPR Art. 15; coordinator)",
    tags: ['documents', 'privacy'],
    roles: ['coordinator'],
    params: common.submissionParams,
    query: {
      type: 'object',
      additionalProperties: false,
      properties: { lang: { type: 'string', maxLength: 35 } },
    },
    responses: {
      200: { description: 'The export', mediaType: 'application/pdf', maxBytes: 20 * 1024 * 1024 },
    },
    errors: [
      ...SUBMISSION_READ,
      'document.not_found',
      'export.forbidden',
      'document.bad_language',
      'document.language_unavailable',
    ],
  },

  // The case file ("Förderakte"): the documents an application's changes issued, rendered after the commit.
  {
    method: 'GET',
    path: '/api/submissions/{id}/documents',
    group: 'documents',
    summary: 'The documents an application has issued (receipts, decision letters, ...), pending or ready',
    tags: ['documents'],
    roles: SUBMISSION_READERS,
    params: common.submissionParams,
    query: common.noQuery,
    responses: { 200: ok('The documents, oldest first', common.itemsOf(caseFile.caseDocument, 1000)) },
    errors: SUBMISSION_READ,
  },
  {
    method: 'GET',
    path: '/api/submissions/{id}/documents/{documentId}',
    group: 'documents',
    summary: 'One issued document as PDF (409 while it is still being rendered)',
    tags: ['documents'],
    roles: SUBMISSION_READERS,
    params: caseFile.documentParams,
    query: common.noQuery,
    responses: {
      200: { description: 'The document', mediaType: 'application/pdf', maxBytes: 10 * 1024 * 1024 },
    },
    errors: [...SUBMISSION_READ, 'case_document.not_found', 'case_document.pending'],
  },

  {
    method: 'GET',
    path: '/api/allocations',
    group: 'reports',
    summary: 'Planning frames of a funding round: reviewers all, a municipality its own',
    tags: ['reports'],
    roles: ['municipality', 'reviewer'],
    query: res.allocationsQuery,
    responses: { 200: ok('The frames, district and electoral-district figures', res.allocationOverview) },
    errors: ['allocations.forbidden', 'round.unknown'],
  },
  {
    method: 'GET',
    path: '/api/rounds',
    group: 'reports',
    summary: 'The published funding rounds, each with whether it is open now (admins: also drafts)',
    tags: ['rounds'],
    roles: ALL_ROLES,
    query: common.noQuery,
    responses: { 200: ok('The rounds', rounds.roundList) },
    errors: [],
  },
  {
    method: 'POST',
    path: '/api/rounds',
    group: 'admin',
    summary: "Save a round's draft version, or publish it (a published version is immutable)",
    tags: ['rounds'],
    roles: ['admin'],
    query: common.noQuery,
    body: rounds.saveRoundBody,
    responses: { 201: ok('The saved version', rounds.roundVersion) },
    errors: ['round.forbidden', 'round.invalid', 'round.version_exists'],
  },
  {
    method: 'POST',
    path: '/api/rounds/{id}/allocations',
    group: 'admin',
    summary:
      'Upload the planning frames of a round as CSV: a preview by line (dryRun) or an all-or-nothing import',
    tags: ['rounds'],
    roles: ['admin'],
    params: rounds.roundParams,
    query: rounds.allocationUploadQuery,
    rawBody: { mediaType: 'text/csv', maxBytes: rounds.ALLOCATION_UPLOAD_BYTES },
    responses: { 200: ok('The preview, or what was imported', rounds.allocationImportResult) },
    errors: ['import.forbidden', 'import.invalid', 'import.changed', 'round.not_found'],
  },
  {
    method: 'POST',
    path: '/api/rounds/{id}/extensions',
    group: 'reports',
    summary: "Extend a round's application window for one organisation (reviewer; recorded)",
    tags: ['rounds'],
    roles: ['reviewer', 'admin'],
    params: rounds.roundParams,
    query: common.noQuery,
    body: rounds.extensionBody,
    responses: { 201: ok('The recorded extension', rounds.roundExtension) },
    errors: ['round.extension_forbidden', 'round.not_found', 'organisation.not_found'],
  },
  {
    method: 'GET',
    path: '/api/reports/key-figures',
    group: 'reports',
    summary:
      'Key figures of the plans: coordinators their organisation, reviewers all (small groups suppressed)',
    tags: ['reports'],
    roles: ['coordinator', 'reviewer'],
    query: res.keyFiguresQuery,
    responses: {
      200: {
        ...ok('The figures (format=csv: as CSV)', res.keyFigures),
        alternative: { mediaType: 'text/csv', maxBytes: 1024 * 1024 },
      },
    },
    errors: ['report.forbidden', 'report.unknown_org'],
  },
  {
    method: 'GET',
    path: '/api/key-figure-reports',
    group: 'reports',
    summary: "Which organisations' yearly key-figure reports came in, and when (reviewer)",
    tags: ['reports'],
    roles: ['reviewer'],
    query: kfr.reportYearQuery,
    responses: { 200: ok('Every organisation with its report state', kfr.keyFigureReportOverview) },
    errors: ['key_figure_report.forbidden', 'key_figure_report.year_invalid'],
  },
  {
    method: 'POST',
    path: '/api/key-figure-reports',
    group: 'reports',
    summary:
      "The coordinator confirms the organisation's key figures of a finished year, as the state sees them",
    tags: ['reports'],
    roles: ['coordinator'],
    query: common.noQuery,
    body: kfr.confirmReportBody,
    responses: { 201: ok('The confirmed report', kfr.keyFigureReport) },
    errors: [
      'key_figure_report.forbidden',
      'key_figure_report.not_found',
      'key_figure_report.year_open',
      'key_figure_report.already_confirmed',
    ],
  },
  {
    method: 'GET',
    path: '/api/key-figure-reports/{year}/{org}',
    group: 'reports',
    summary: "One organisation's key-figure report of a year (reviewer; the organisation's coordinator)",
    tags: ['reports'],
    roles: ['coordinator', 'reviewer'],
    params: kfr.reportParams,
    query: common.noQuery,
    responses: { 200: ok('The report, confirmed or not yet', kfr.keyFigureReport) },
    errors: ['key_figure_report.not_found'],
  },
  {
    method: 'GET',
    path: '/api/exports/applications',
    group: 'reports',
    summary: 'The application list as CSV (reviewer)',
    tags: ['reports'],
    roles: ['reviewer'],
    query: res.applicationsQuery,
    responses: { 200: csv('The applications (UTF-8 with BOM)') },
    errors: ['export.forbidden'],
  },

  // Notifications: the caller's list, marking read, preferences; delivery failures for admins.
  {
    method: 'GET',
    path: '/api/notifications',
    group: 'notifications',
    summary: "The caller's notifications, newest first, paginated, with the unread count",
    tags: ['notifications'],
    roles: ALL_ROLES,
    query: notes.notificationsQuery,
    responses: { 200: ok('One page', notes.notificationPage) },
    errors: ['list.bad_limit', 'list.bad_cursor'],
  },
  {
    method: 'POST',
    path: '/api/notifications/read',
    group: 'notifications',
    summary: "Mark some of the caller's notifications (or all) as read",
    tags: ['notifications'],
    roles: ALL_ROLES,
    query: common.noQuery,
    body: notes.markReadBody,
    responses: { 200: ok('How many changed, and the unread count', notes.markReadResult) },
    errors: ['notifications.invalid_request'],
  },
  {
    method: 'GET',
    path: '/api/notifications/failures',
    group: 'notifications',
    summary: 'Notification events not delivered: retrying and given up (admin)',
    tags: ['notifications'],
    roles: ['admin'],
    query: common.noQuery,
    responses: { 200: ok('The counts', notes.deliveryFailures) },
    errors: ['notifications.failures_forbidden'],
  },
  {
    method: 'GET',
    path: '/api/me/preferences',
    group: 'notifications',
    summary: "The caller's notification preferences, and whether mails to their address bounced",
    tags: ['notifications'],
    roles: ALL_ROLES,
    query: common.noQuery,
    responses: { 200: ok('The preferences', notes.preferences) },
    errors: [],
  },
  {
    method: 'PUT',
    path: '/api/me/preferences',
    group: 'notifications',
    summary:
      "Set the caller's notification preferences (mail at once, a daily digest or in the app only; language)",
    tags: ['notifications'],
    roles: ALL_ROLES,
    query: common.noQuery,
    body: notes.preferencesBody,
    responses: { 200: ok('The preferences as stored', notes.preferencesBody) },
    errors: ['preferences.invalid'],
  },
  {
    method: 'POST',
    path: '/api/me/email',
    group: 'notifications',
    summary:
      "Change the caller's e-mail address: a code is mailed to the new address, which is used once the code is confirmed",
    tags: ['notifications'],
    roles: ALL_ROLES,
    query: common.noQuery,
    body: notes.emailChangeBody,
    responses: { 200: ok('The change waits for its code', notes.emailChangePending) },
    errors: ['email.invalid', 'email.unchanged', 'user.not_found'],
  },
  {
    method: 'POST',
    path: '/api/me/email/confirm',
    group: 'notifications',
    summary: 'Confirm the new e-mail address with the code mailed to it (five tries, 30 minutes)',
    tags: ['notifications'],
    roles: ALL_ROLES,
    query: common.noQuery,
    body: notes.emailConfirmBody,
    responses: { 200: ok('The address notifications go to from now on', notes.emailConfirmed) },
    errors: ['email.code_invalid', 'email.no_pending_change', 'email.too_many_attempts', 'user.not_found'],
  },
] as const satisfies readonly Route[];

export type RouteKey = `${(typeof routes)[number]['method']} ${(typeof routes)[number]['path']}`;

export const routeKey = (r: Pick<Route, 'method' | 'path'>) => `${r.method} ${r.path}` as RouteKey;

const BY_KEY = new Map<string, Route>(routes.map((r) => [routeKey(r), r]));

/** The route of an API Gateway route key (`GET /api/me`), if it is one of ours. */
export const routeByKey = (key: string): Route | undefined => BY_KEY.get(key);
