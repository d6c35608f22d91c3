import { createHash } from 'node:crypto';
import type {
  AssignCommand,
  CreateSubmissionCommand,
  DiffQuery,
  ListSubmissionsQuery,
  ReviewerCommand,
  SaveSubmissionCommand,
  TransitionCommand,
} from '#api/schemas/submissions';
import {
  type AllowedAction,
  assertMayAct,
  assertMayStart,
  isOwnerSide,
  isReviewerSide,
  withAllowed,
} from '#core/access';
import { canonicalJson } from '#core/canonical-json';
import { diffData, summarizeDiff } from '#core/diff';
import { pendingDocument } from '#core/documents/issue';
import {
  AppError,
  badRequest,
  conflict,
  forbidden,
  notFound,
  staleVersion,
  versionRequired,
} from '#core/errors';
import { followUpKindOf } from '#core/follow-up';
import type { FormVersion } from '#core/forms';
import { etag, versionFromIfMatch } from '#core/if-match';
import { ITEM_HEADROOM_BYTES, MAX_ITEM_BYTES, submissionItemSize } from '#core/item-size';
import { confirmationsOnSave } from '#core/joint-confirmation';
import {
  type Action,
  type Actor,
  type FormKind,
  type HistoryEvent,
  isObject,
  type JsonObject,
  type Revision,
  type Role,
  type RoundPin,
  type Submission,
  type SubmissionSummary,
} from '#core/model';
import { migratePlanLanguage } from '#core/plan-language';
import { planQueueQuery, type QueueProfile } from '#core/queue';
import { keptRawText } from '#core/raw-text';
import { berlinDate, dueOnTransition } from '#core/retention';
import { assigneeScope, orgScope, reviewScope, type Scopes, scopesOf } from '#core/scopes';
import { isCleanText, textIssues } from '#core/text';
import { keptTranslations, settleTranslations, type Translations } from '#core/translations';
import {
  assignItemIds,
  indexedValues,
  issueDetails,
  omitExtraData,
  relevantIssues,
  type SchemaIssue,
} from '#core/validation';
import { decideTransition, isEditable, isReviewerAction, type TransitionOutcome } from '#core/workflow';
import type { CaseFileStore } from '#ports/case-file-store';
import type { Directory } from '#ports/directory';
import type { ListQuery, Page, QueuePage, SubmissionStore } from '#ports/submission-store';
import type { AccessRecorder } from './access-recorder.ts';
import { readFileNumberAhead, writeWithFileNumber } from './case-file.ts';
import type { FollowUpExtras, FollowUpService } from './follow-up-service.ts';
import type { FormCatalog } from './form-catalog.ts';
import type { KindPolicy } from './kind-policy.ts';
import { loadSubmission } from './load-submission.ts';
import { settle } from './settle.ts';

export interface SubmissionDeps {
  submissions: SubmissionStore;
  forms: FormCatalog;
  directory: Directory;
  now: () => Date;
  newId: () => string;
  /** Kind-specific rules (e.g. the budget rules of funding applications). */
  policies?: Partial<Record<FormKind, KindPolicy>>;
  /**
   * The attachments a submit freezes with the revision: refuses (409 `attachments.pending`) while an
   * upload is unsettled. Without it a revision has no attachments.
   */
  attachments?: { forRevision(submission: Submission, required?: readonly string[]): Promise<string[]> };
  /** Records every read of a plan in its access log (case forms only). */
  access?: Pick<AccessRecorder, 'read'>;
  /** The file-number counters a first submit reads (forms whose configuration numbers their files). */
  caseFiles?: Pick<CaseFileStore, 'lastFileNumber'>;
  /** Follow-up records of funding applications (payment requests, change notices, proofs of use). */
  followUp?: FollowUpService;
}

/** A submission as an answer: with the actions the caller may take on it now. */
export type SubmissionView = Submission & { allowed: AllowedAction[] } & FollowUpExtras;

/** A submission as a reviewer sees it: the data and indexed values of the latest frozen snapshot. */
function snapshotView(sub: Submission, revision: Revision): Submission {
  const view: Submission = {
    ...sub,
    data: revision.data,
    formVersion: revision.formVersion,
    indexed: sub.submittedIndexed ?? sub.indexed,
  };
  // The owner's unparsed text belongs to the working copy, not to what was submitted.
  delete view.raw;
  if (revision.translations) view.translations = revision.translations;
  else delete view.translations;
  return view;
}

/** Sets a submission's translations, or removes the field when there are none. */
function setTranslations(sub: { translations?: Translations }, translations: Translations): void {
  if (Object.keys(translations).length) sub.translations = translations;
  else delete sub.translations;
}

/** Longest comment of a transition (a return's reasons); refused beyond, never cut. */
export const MAX_COMMENT_LENGTH = 4000;

/** Ids the platform assigns (ULIDs), with room for imported ids; anything else cannot exist. */

const sha256 = (value: unknown) => createHash('sha256').update(canonicalJson(value)).digest('hex');

/**
 * Refuses (413) a submission whose item would not fit, measured as it will be stored (server-assigned ids and
 * computed fields included). A write that brings new data must leave {@link ITEM_HEADROOM_BYTES} free, so that
 * everything later writes add without new data (a return's comment, a decision, consent withdrawals) still
 * fits: a plan once accepted can always be returned, decided, and have a consent withdrawn.
 */
export function assertStorable(sub: Submission, newData: boolean): void {
  const limit = MAX_ITEM_BYTES - (newData ? ITEM_HEADROOM_BYTES : 0);
  if (submissionItemSize(sub) > limit) {
    throw new AppError(
      413,
      'submission.too_large',
      `The submission would take more than ${Math.floor(limit / 1024)} KB of storage; shorten or split its data.`,
      { details: [{ pointer: '/data', message: 'too large to store' }] },
    );
  }
}

/** Parses `If-Match` (`"3"`, `W/"3"` or `3`); 428 if missing, 412 if it is not a version at all. */
export function parseIfMatch(header: string | undefined): number {
  return versionFromIfMatch(header, versionRequired, staleVersion);
}

export { etag };

/**
 * The pending proposal a reviewer may confirm: never their own.
 * @throws AppError 409 `workflow.four_eyes_same_reviewer`.
 */
function confirmable(sub: Submission, actor: Actor): NonNullable<Submission['proposal']> {
  const proposal = sub.proposal!;
  if (proposal.proposedBy.sub === actor.sub)
    throw conflict(
      'workflow.four_eyes_same_reviewer',
      'A different reviewer must confirm the proposed decision (four-eyes rule).',
    );
  return proposal;
}

/** The role an actor acts in for a submission (the first of theirs that the form involves). */
function actingRole(actor: Actor, preferred: readonly Role[]): Role {
  return actor.roles.find((r) => preferred.includes(r)) ?? actor.roles[0] ?? 'municipality';
}

/** The use cases of submissions: create, read, save, transitions, history, revisions, lists, assignment. */
export class SubmissionService {
  constructor(private readonly deps: SubmissionDeps) {}

  private load(actor: Actor, id: string) {
    return loadSubmission(this.deps, actor, id);
  }

  /** The rules of a form: a follow-up record's are the follow-up service's, else its kind's. */
  private policyOf(form: FormVersion): KindPolicy | undefined {
    return followUpKindOf(form.id) ? this.deps.followUp : this.deps.policies?.[form.workflow.kind];
  }

  /** Drops unknown fields, assigns item ids and validates: drafts may be incomplete, never wrongly typed. */
  private async prepareData(
    form: FormVersion,
    raw: unknown,
    mode: 'draft' | 'submit',
    owner: { org: string; previous?: JsonObject; roundPin?: RoundPin; firstSubmit?: boolean },
  ): Promise<{ data: JsonObject; members?: string[]; policyContext?: unknown; roundPin?: RoundPin }> {
    if (raw === undefined) raw = {};
    if (!isObject(raw))
      throw badRequest('submission.invalid_data', 'data must be a JSON object.', [
        { pointer: '/data', message: 'must be an object' },
      ]);
    const pruned = omitExtraData(form.schema, raw) as JsonObject;
    // Refused, not stripped: nothing a user types is silently changed.
    const textProblems = textIssues(pruned);
    if (textProblems.length)
      throw badRequest(
        'submission.invalid_text',
        'A text holds a control or bidi formatting character.',
        textProblems,
      );
    let data = assignItemIds(form.schema, pruned, this.deps.newId) as JsonObject;
    let members: string[] | undefined;
    let policyContext: unknown;
    let roundPin: RoundPin | undefined;
    // Validate what the caller sent before server-owned fields are computed into it.
    await this.validate(form, data, mode);
    const policy = this.policyOf(form);
    if (policy)
      ({ data, members, context: policyContext, roundPin } = await policy.prepare({ form, data, ...owner }));
    return {
      data,
      ...(members ? { members } : {}),
      ...(policyContext === undefined ? {} : { policyContext }),
      ...(roundPin ? { roundPin } : {}),
    };
  }

  private async validate(form: FormVersion, data: JsonObject, mode: 'draft' | 'submit') {
    const validate = await this.deps.forms.validator(form.id, form.version);
    if (validate(data)) return;
    const issues = relevantIssues((validate.errors ?? []) as SchemaIssue[], mode);
    if (issues.length) {
      throw badRequest(
        mode === 'draft' ? 'submission.invalid_data' : 'submission.incomplete',
        mode === 'draft'
          ? 'The data does not match the form.'
          : 'The submission is incomplete or invalid and cannot be submitted.',
        issueDetails(issues),
      );
    }
  }

  private event(
    sub: Submission,
    actor: Actor,
    role: Role,
    fields: Partial<HistoryEvent> & Pick<HistoryEvent, 'type'>,
  ): HistoryEvent {
    return {
      submissionId: sub.id,
      version: sub.version,
      at: sub.updatedAt,
      actor: { sub: actor.sub, name: actor.name },
      role,
      ...fields,
    };
  }

  /**
   * A write answers with the submission it wrote: for a plan that is a read of the person's data like any
   * other, so it is logged as one (what `view`, detail the write) before the data is handed out.
   */
  private async handOut(actor: Actor, sub: Submission, write: string): Promise<Submission> {
    await this.deps.access?.read(actor, sub, 'view', write);
    return sub;
  }

  /** Starts a draft; the command has passed the route's schema (a form id, data an object if given). */
  async create(actor: Actor, body: CreateSubmissionCommand): Promise<SubmissionView> {
    const form = await this.deps.forms.latest(body.formId);
    assertMayStart(actor, form.workflow);
    // A follow-up record starts from its application: its organisation, members and prefilled data.
    const link = await this.deps.followUp?.start(actor, form, body.parentId);
    const { data, members, roundPin } = await this.prepareData(
      form,
      link ? { ...link.prefill, ...(body.data ?? {}) } : body.data,
      'draft',
      { org: actor.org },
    );
    const now = this.deps.now().toISOString();
    const sub: Submission = {
      id: this.deps.newId(),
      formId: form.id,
      formVersion: form.version,
      kind: form.workflow.kind,
      status: 'draft',
      version: 1,
      revision: 0,
      approvedRevision: null,
      amending: false,
      data,
      org: actor.org,
      createdBy: actor.sub,
      ...(form.workflow.kind === 'case' ? { assignedTo: actor.sub } : {}),
      createdAt: now,
      updatedAt: now,
      indexed: indexedValues(form.workflow.indexed, data),
      ...(members ? { members } : {}),
      ...(link
        ? {
            parentId: link.parent.id,
            org: link.parent.org,
            // A follow-up record is part of the application's file and carries its file number.
            ...(link.parent.fileNumber ? { fileNumber: link.parent.fileNumber } : {}),
            ...(link.parent.members ? { members: link.parent.members } : {}),
          }
        : {}),
      ...(roundPin ? { roundPin } : {}),
    };
    assertStorable(sub, true);
    const role = actingRole(actor, form.workflow.start);
    // Joint applications: the members named are asked to confirm their share.
    const { asked } = confirmationsOnSave(undefined, data, sub.org, undefined);
    await this.deps.submissions.write({
      submission: sub,
      expectedVersion: null,
      event: this.event(sub, actor, role, {
        type: 'created',
        to: 'draft',
        ...(asked.length ? { asked } : {}),
      }),
      scopes: scopesOf(sub, form.workflow),
      ...(link ? { parent: link.write(sub) } : {}),
    });
    return withAllowed(actor, form.workflow, await this.handOut(actor, sub, 'create'));
  }

  /** The submission as the caller may see it: reviewers get the latest submitted snapshot, never a working copy. */
  async get(actor: Actor, id: string): Promise<SubmissionView> {
    const { sub, form, access } = await this.load(actor, id);
    await this.deps.access?.read(actor, sub, 'view');
    let view = sub;
    if (access !== 'working') {
      const revision = await this.deps.submissions.getRevision(id, sub.revision);
      if (!revision) throw notFound('submission.not_found', 'Submission not found.');
      view = snapshotView(sub, revision);
    }
    // An application with its money and the follow-up records one may start; a proof of use with its claim.
    const extras = (await this.deps.followUp?.extras(actor, view, form)) ?? {};
    return { ...withAllowed(actor, form.workflow, view), ...extras };
  }

  async save(
    actor: Actor,
    id: string,
    ifMatch: string | undefined,
    body: SaveSubmissionCommand,
  ): Promise<SubmissionView> {
    const expected = parseIfMatch(ifMatch);
    const { sub, form } = await this.load(actor, id);
    assertMayAct(actor, form.workflow, sub, 'save');
    if (!isEditable(sub.status))
      throw conflict('submission.not_editable', `A submission in state "${sub.status}" cannot be changed.`);
    if (sub.version !== expected) throw staleVersion();
    const { data, members, roundPin } = await this.prepareData(form, body.data, 'draft', {
      org: sub.org,
      previous: sub.data,
      ...(sub.roundPin ? { roundPin: sub.roundPin } : {}),
    });
    const rawProblems = [
      ...textIssues(body.raw ?? {}, '/raw'),
      ...textIssues(body.translations ?? {}, '/translations'),
    ];
    if (rawProblems.length)
      throw badRequest(
        'submission.invalid_text',
        'A text holds a control or bidi formatting character.',
        rawProblems,
      );
    const next: Submission = {
      ...sub,
      data,
      version: sub.version + 1,
      updatedAt: this.deps.now().toISOString(),
      indexed: indexedValues(form.workflow.indexed, data),
    };
    if (members) next.members = members;
    // A follow-up record keeps its application's members (they read it).
    else if (!sub.parentId) delete next.members;
    // Joint applications: a confirmation lapses when its member's share changes; who must confirm anew is asked.
    const joint = confirmationsOnSave(sub.data, data, sub.org, sub.jointConfirmations);
    if (joint.confirmations.length) next.jointConfirmations = joint.confirmations;
    else delete next.jointConfirmations;
    if (roundPin) next.roundPin = roundPin;
    else delete next.roundPin;
    // Unparsed text is kept until its field holds a value; a save without `raw` keeps none.
    const raw = keptRawText(data, body.raw);
    if (Object.keys(raw).length) next.raw = raw;
    else delete next.raw;
    // Translations of free text: a save that sends none keeps those whose field still holds text.
    const settled = body.translations
      ? settleTranslations({
          schema: form.schema,
          data,
          sent: body.translations,
          previous: sub.translations,
          by: { sub: actor.sub, name: actor.name },
          at: next.updatedAt,
        })
      : { translations: keptTranslations(data, sub.translations), problems: [] };
    if (settled.problems.length)
      throw badRequest(
        'submission.invalid_translation',
        'A translation does not fit its field or language.',
        settled.problems,
      );
    setTranslations(next, settled.translations);
    assertStorable(next, true);
    await this.deps.submissions.write({
      submission: next,
      expectedVersion: expected,
      expectedStatus: sub.status,
      event: this.event(next, actor, actingRole(actor, form.workflow.submit), {
        type: 'saved',
        ...(joint.asked.length ? { asked: joint.asked } : {}),
      }),
      scopes: scopesOf(next, form.workflow),
      previousScopes: scopesOf(sub, form.workflow),
    });
    return withAllowed(actor, form.workflow, await this.handOut(actor, next, 'save'));
  }

  async transition(
    actor: Actor,
    id: string,
    ifMatch: string | undefined,
    body: TransitionCommand,
  ): Promise<SubmissionView> {
    const expected = parseIfMatch(ifMatch);
    let action: Action = body.action;
    // The route's schema bounds the comment already; the rule stands here too, for every caller.
    if (
      body.comment !== undefined &&
      (body.comment.length > MAX_COMMENT_LENGTH || !isCleanText(body.comment))
    ) {
      throw badRequest(
        'workflow.invalid_comment',
        `comment must be a text of at most ${MAX_COMMENT_LENGTH} characters, without control or bidi formatting characters.`,
        [{ pointer: '/comment', message: 'invalid comment' }],
      );
    }
    let comment = body.comment?.trim();
    const { sub, form } = await this.load(actor, id);
    assertMayAct(actor, form.workflow, sub, action);
    if (sub.version !== expected) throw staleVersion();
    const outcome = decideTransition(form.workflow, sub, action, comment);
    // Four-eyes: a first reviewer's decision is stored as a proposal; a different reviewer confirms it.
    if (outcome.fourEyes === 'propose' || outcome.fourEyes === 'discard')
      return this.writeProposal(actor, sub, form, body, outcome, expected);
    const proposal = outcome.fourEyes === 'confirm' ? confirmable(sub, actor) : undefined;
    // The organisation's name for the work queue is read beside the transition's other reads, if it goes there.
    const orgRead = scopesOf(
      { ...sub, revision: sub.revision + (outcome.freezesRevision ? 1 : 0) },
      form.workflow,
    ).second?.startsWith('R#')
      ? settle(this.deps.directory.getOrganisation(sub.org))
      : undefined;
    if (proposal) {
      action = proposal.action;
      comment = proposal.comment;
      body = {
        action: proposal.action,
        ...(proposal.comment ? { comment: proposal.comment } : {}),
        ...(proposal.decision ? { decision: proposal.decision as TransitionCommand['decision'] } : {}),
      };
    }
    const now = this.deps.now().toISOString();
    // A first submit's file-number counter is read beside the other reads (the write checks it, see case-file.ts).
    const counterRead = readFileNumberAhead(
      this.deps.caseFiles,
      form.config,
      { ...sub, submittedAt: sub.submittedAt ?? now },
      action,
    );

    let next: Submission = {
      ...sub,
      status: outcome.to,
      amending: outcome.amending,
      version: sub.version + 1,
      updatedAt: now,
    };
    let revision: Revision | undefined;
    let policyContext: unknown;
    if (outcome.freezesRevision) {
      // Server-owned fields (amounts, frames) are computed anew for the frozen snapshot; the attachments are
      // read meanwhile (independent reads, one round trip). A data error is reported before an upload one.
      const [preparing, reading] = await Promise.allSettled([
        this.prepareData(form, sub.data, 'submit', {
          org: sub.org,
          previous: sub.data,
          firstSubmit: action === 'submit' && sub.revision === 0,
          ...(sub.roundPin ? { roundPin: sub.roundPin } : {}),
        }),
        // A submit needs the attachments the form's configuration requires.
        this.deps.attachments?.forRevision(
          sub,
          action === 'submit' ? (form.config.requiredAttachments ?? []) : [],
        ) ?? Promise.resolve([]),
      ]);
      const unparsed = Object.keys(sub.raw ?? {});
      if (action === 'submit' && unparsed.length)
        throw badRequest(
          'submission.incomplete',
          'The submission is incomplete or invalid and cannot be submitted.',
          unparsed.map((pointer) => ({
            pointer,
            message: 'is not a valid value yet',
            code: 'submission.unparsed',
          })),
        );
      if (preparing.status === 'rejected') throw preparing.reason;
      if (reading.status === 'rejected') throw reading.reason;
      const prepared = preparing.value;
      policyContext = prepared.policyContext;
      next.data = prepared.data;
      if (prepared.roundPin) next.roundPin = prepared.roundPin;
      next.indexed = indexedValues(form.workflow.indexed, prepared.data);
      next.submittedIndexed = next.indexed;
      // The translations are frozen with the data they translate.
      setTranslations(next, keptTranslations(prepared.data, sub.translations));
      revision = {
        submissionId: sub.id,
        n: sub.revision + 1,
        formVersion: sub.formVersion,
        data: prepared.data,
        dataSha256: sha256(prepared.data),
        ...(next.translations ? { translations: next.translations } : {}),
        attachments: reading.value,
        createdAt: now,
        createdBy: actor.sub,
      };
      next.revision = revision.n;
      next.submittedAt ??= now;
    }
    if (outcome.approves) next.approvedRevision = next.revision;
    if (action === 'return') next.lastComment = comment;
    if (action === 'submit' || action === 'approve' || action === 'reject') delete next.lastComment;
    // Any change of state settles a pending proposal (confirmed, or overtaken by a return or a withdrawal).
    delete next.proposal;
    if (action === 'amend') next = await this.moveToLatestForm(next, form);
    const effects =
      (await this.policyOf(form)?.transition({
        form,
        sub: next,
        action,
        actor,
        body,
        now: this.deps.now(),
        outcome,
        prepared: policyContext,
      })) ?? {};
    if (effects.patch) next = { ...next, ...effects.patch };
    if (proposal && next.decision) next.decision = { ...next.decision, proposedBy: proposal.proposedBy };
    // Retention: a closed plan or an approved funding application gets its erasure date (see core/retention).
    // A follow-up record is kept as long as its application (its policy says until when).
    const erasureDueAt =
      effects.patch?.erasureDueAt ??
      dueOnTransition(form.workflow.kind, form.config, next, berlinDate(this.deps.now()));
    if (erasureDueAt) next.erasureDueAt = erasureDueAt;
    else delete next.erasureDueAt;

    assertStorable(next, false);
    const reviewerAction = isReviewerAction(action);
    const nextWorkflow = (await this.deps.forms.get(next.formId, next.formVersion)).workflow;
    const role = actingRole(actor, reviewerAction ? form.workflow.review : form.workflow.submit);
    // A first submit gets its file number with the same transaction (see case-file.ts).
    next = await writeWithFileNumber(
      this.deps.submissions,
      this.deps.caseFiles,
      form.config,
      {
        submission: next,
        expectedVersion: expected,
        expectedStatus: sub.status,
        event: this.event(next, actor, role, {
          type: 'transition',
          action,
          from: outcome.from,
          to: outcome.to,
          ...(comment ? { comment } : {}),
          ...(revision ? { revision: revision.n } : {}),
          ...(proposal ? { proposedBy: proposal.proposedBy } : {}),
        }),
        // The attachments were listed after `sub` was read: the write fails if they changed since.
        ...(revision ? { revision, expectedAttachmentsVersion: sub.attachmentsVersion ?? 0 } : {}),
        scopes: scopesOf(next, nextWorkflow),
        previousScopes: scopesOf(sub, form.workflow),
        ...(effects.allocationChanges?.length ? { allocationChanges: effects.allocationChanges } : {}),
        ...(effects.figures ? { figures: effects.figures } : {}),
        ...(effects.parent ? { parent: effects.parent } : {}),
        ...(effects.documents?.length
          ? {
              documents: effects.documents.map((d) =>
                pendingDocument({ ...d, id: this.deps.newId(), issuedAt: now }),
              ),
            }
          : {}),
        ...(await this.queueProfileFor(next, scopesOf(next, nextWorkflow), orgRead)),
      },
      counterRead,
    );
    return withAllowed(actor, nextWorkflow, await this.handOut(actor, next, action));
  }

  /**
   * Stores (`propose`) or drops (`discard`) a four-eyes proposal: the state stays, the history records it. A
   * proposed approval is checked now as if it took effect (amounts, frames), and again when it is confirmed.
   */
  private async writeProposal(
    actor: Actor,
    sub: Submission,
    form: FormVersion,
    body: TransitionCommand,
    outcome: TransitionOutcome,
    expected: number,
  ): Promise<SubmissionView> {
    const now = this.deps.now();
    const comment = body.comment?.trim();
    const next: Submission = { ...sub, version: sub.version + 1, updatedAt: now.toISOString() };
    const proposed = outcome.action === 'approve' || outcome.action === 'reject' ? outcome.action : undefined;
    if (proposed) {
      await this.policyOf(form)?.transition({
        form,
        sub,
        action: proposed,
        actor,
        body,
        now,
        outcome: { ...outcome, to: proposed === 'approve' ? 'approved' : 'rejected' },
      });
      next.proposal = {
        action: proposed,
        ...(body.decision ? { decision: body.decision } : {}),
        ...(comment ? { comment } : {}),
        proposedBy: { sub: actor.sub, name: actor.name },
        proposedAt: now.toISOString(),
      };
    } else delete next.proposal;
    assertStorable(next, false);
    const scopes = scopesOf(next, form.workflow);
    await this.deps.submissions.write({
      submission: next,
      expectedVersion: expected,
      expectedStatus: sub.status,
      event: this.event(next, actor, actingRole(actor, form.workflow.review), {
        type: 'proposal',
        action: proposed ?? 'discard',
        ...(comment ? { comment } : {}),
      }),
      scopes,
      previousScopes: scopes,
      ...(await this.queueProfileFor(next, scopes)),
    });
    return withAllowed(actor, form.workflow, await this.handOut(actor, next, outcome.action));
  }

  /** An amended plan may move to the newest form version, if its data fits that version as a draft. */
  private async moveToLatestForm(sub: Submission, form: FormVersion): Promise<Submission> {
    const latest = await this.deps.forms.latest(sub.formId);
    if (latest.version === form.version || latest.workflow.kind !== form.workflow.kind) return sub;
    try {
      // A plan moving on records the person's language as a code where the newer version has one.
      const moved = form.workflow.kind === 'case' ? migratePlanLanguage(sub.data).data : sub.data;
      const { data } = await this.prepareData(latest, moved, 'draft', { org: sub.org, previous: sub.data });
      return {
        ...sub,
        data,
        formVersion: latest.version,
        indexed: indexedValues(latest.workflow.indexed, data),
      };
    } catch (error) {
      if (error instanceof AppError && error.status === 400) return sub;
      throw error;
    }
  }

  async history(actor: Actor, id: string): Promise<HistoryEvent[]> {
    const { sub, form } = await this.load(actor, id);
    await this.deps.access?.read(actor, sub, 'history');
    const events = await this.deps.submissions.history(id);
    // Four-eyes proposals are the reviewing side's internal steps: the applicant sees the decision only.
    return isReviewerSide(actor, form.workflow, sub) ? events : events.filter((e) => e.type !== 'proposal');
  }

  async revision(actor: Actor, id: string, number: number): Promise<Revision> {
    const { sub } = await this.load(actor, id);
    if (number > sub.revision) throw notFound('revision.not_found', 'Revision not found.');
    const revision = await this.deps.submissions.getRevision(id, number);
    if (!revision) throw notFound('revision.not_found', 'Revision not found.');
    await this.deps.access?.read(actor, sub, 'revision', String(number));
    return revision;
  }

  /** Field-by-field changes between two revisions (`to` may be `working` for the owner side's working copy). */
  async diff(actor: Actor, id: string, params: DiffQuery) {
    const { sub, access } = await this.load(actor, id);
    const number = (value: string | number, name: string) => {
      const n = Number(value);
      if (n > sub.revision) {
        throw badRequest('diff.bad_revision', `${name} must be a revision from 1 to ${sub.revision}.`, [
          { pointer: `/${name}`, message: 'unknown revision' },
        ]);
      }
      return n;
    };
    const from = number(params.from, 'from');
    const fromRevision = await this.deps.submissions.getRevision(id, from);
    let after: unknown;
    let to: number | 'working';
    if (params.to === 'working' && access === 'working') {
      to = 'working';
      after = sub.data;
    } else {
      to = number(params.to, 'to');
      after = (await this.deps.submissions.getRevision(id, to))?.data;
    }
    await this.deps.access?.read(actor, sub, 'diff', `${from}..${to}`);
    const changes = diffData(fromRevision?.data, after);
    return { from, to, changes, summary: summarizeDiff(changes) };
  }

  /** Reassigns a plan to another integration manager of the same organisation (coordinators only). */
  async assign(
    actor: Actor,
    id: string,
    ifMatch: string | undefined,
    body: AssignCommand,
  ): Promise<SubmissionView> {
    const { sub, form } = await this.load(actor, id);
    if (sub.kind !== 'case' || !actor.roles.includes('coordinator') || actor.org !== sub.org) {
      throw forbidden(
        'submission.assign_forbidden',
        'Only a coordinator of the organisation may reassign a plan.',
      );
    }
    const expected = ifMatch === undefined ? sub.version : parseIfMatch(ifMatch);
    if (sub.version !== expected) throw staleVersion();
    const user = /^[0-9A-Za-z._@-]{1,128}$/.test(body.userId)
      ? await this.deps.directory.getUser(body.userId)
      : undefined;
    if (!user || user.org !== sub.org || user.role !== 'manager') {
      throw badRequest('assignee.invalid', 'The user is not an integration manager of this organisation.', [
        { pointer: '/userId', message: 'not a manager of this organisation' },
      ]);
    }
    const next: Submission = {
      ...sub,
      assignedTo: user.sub,
      version: sub.version + 1,
      updatedAt: this.deps.now().toISOString(),
    };
    assertStorable(next, false);
    await this.deps.submissions.write({
      submission: next,
      expectedVersion: sub.version,
      event: this.event(next, actor, 'coordinator', {
        type: 'assigned',
        assignedTo: user.sub,
        ...(sub.assignedTo ? { previousAssignee: sub.assignedTo } : {}),
      }),
      scopes: scopesOf(next, form.workflow),
    });
    return withAllowed(actor, form.workflow, await this.handOut(actor, next, 'assign'));
  }

  /**
   * What the caller may see; each audience reads its own index partition (no scan). State reviewers read their
   * work queue: oldest waiting first, searchable and filtered by one maintained partition, with counts per status.
   */
  async list(
    actor: Actor,
    params: ListSubmissionsQuery,
  ): Promise<
    Page<SubmissionSummary & { allowed: AllowedAction[] }> & {
      counts?: QueuePage<SubmissionSummary>['counts'];
    }
  > {
    const limit = params.limit ?? 25;
    const form = params.formId ? await this.deps.forms.latest(params.formId) : undefined;
    const query = this.scopeFor(actor, form);
    const inQueue = query.scope === reviewScope('reviewer');
    const queueOnly = ['q', 'district', 'round', 'reviewer', 'sort'] as const;
    if (!inQueue && queueOnly.some((k) => params[k] !== undefined))
      throw badRequest(
        'queue.reviewers_only',
        "These filters exist only in the state reviewers' work queue.",
      );
    const page = inQueue
      ? await this.deps.submissions.queue({
          scope: query.scope,
          plan: planQueueQuery({
            ...(params.q !== undefined ? { q: params.q } : {}),
            ...(params.district !== undefined ? { district: params.district } : {}),
            ...(params.round !== undefined ? { round: params.round } : {}),
            ...(params.status !== undefined ? { status: params.status } : {}),
            ...(params.formId !== undefined ? { formId: params.formId } : {}),
            ...(params.reviewer !== undefined
              ? { reviewer: params.reviewer === 'me' ? actor.sub : params.reviewer }
              : {}),
          }),
          sort: params.sort ?? 'oldest',
          limit,
          ...(params.cursor ? { cursor: params.cursor } : {}),
        })
      : await this.deps.submissions.list({
          ...query,
          limit,
          ...(params.status ? { status: params.status } : {}),
          ...(params.formId ? { formId: params.formId } : {}),
          ...(params.cursor ? { cursor: params.cursor } : {}),
        });
    // The state reviews what was submitted: list it with the snapshot's figures, not the working copy's.
    const items = inQueue
      ? page.items.map((s) => ({ ...s, indexed: s.submittedIndexed ?? s.indexed }))
      : page.items;
    // Each item with what the caller may do with it: the summary holds everything the rules read.
    const workflows = new Map<string, Promise<FormVersion>>();
    const formOf = (s: SubmissionSummary) => {
      const key = `${s.formId}@${s.formVersion}`;
      if (!workflows.has(key)) workflows.set(key, this.deps.forms.get(s.formId, s.formVersion));
      return workflows.get(key)!;
    };
    return {
      ...page,
      items: await Promise.all(items.map(async (s) => withAllowed(actor, (await formOf(s)).workflow, s))),
    };
  }

  /** The organisation's name and district for the work queue, when the submission is in a review scope. */
  private async queueProfileFor(
    sub: Submission,
    scopes: Scopes,
    /** The organisation as read ahead (see `transition`). */
    orgRead?: () => ReturnType<Directory['getOrganisation']>,
  ): Promise<{ queueProfile?: QueueProfile }> {
    if (!scopes.second?.startsWith('R#')) return {};
    const org = await (orgRead?.() ?? this.deps.directory.getOrganisation(sub.org));
    return {
      queueProfile: {
        municipality: org?.name ?? sub.org,
        ...(org?.district ? { district: org.district } : {}),
      },
    };
  }

  /**
   * Takes (own id), assigns (another reviewer) or releases (`null`) a submission in the state's work queue; the
   * change is a history event and is visible to every reviewer in the queue's items.
   */
  async setReviewer(
    actor: Actor,
    id: string,
    ifMatch: string | undefined,
    body: ReviewerCommand,
  ): Promise<SubmissionView> {
    if (!actor.roles.includes('reviewer'))
      throw forbidden('queue.assign_forbidden', 'Only state reviewers may take or assign submissions.');
    const { sub, form } = await this.load(actor, id);
    const scopes = scopesOf(sub, form.workflow);
    if (scopes.second !== reviewScope('reviewer'))
      throw forbidden('queue.assign_forbidden', 'Only state reviewers may take or assign submissions.');
    const expected = ifMatch === undefined ? sub.version : parseIfMatch(ifMatch);
    if (sub.version !== expected) throw staleVersion();
    let reviewer: string | undefined;
    if (body.userId !== null) {
      const user =
        body.userId === actor.sub
          ? { sub: actor.sub, role: 'reviewer' as const }
          : /^[0-9A-Za-z._@-]{1,128}$/.test(body.userId)
            ? await this.deps.directory.getUser(body.userId)
            : undefined;
      if (user?.role !== 'reviewer')
        throw badRequest('queue.reviewer_invalid', 'The user is not a state reviewer.', [
          { pointer: '/userId', message: 'not a reviewer' },
        ]);
      reviewer = user.sub;
    }
    const { reviewer: _previous, ...rest } = sub;
    const next: Submission = {
      ...rest,
      ...(reviewer ? { reviewer } : {}),
      version: sub.version + 1,
      updatedAt: this.deps.now().toISOString(),
    };
    assertStorable(next, false);
    await this.deps.submissions.write({
      submission: next,
      expectedVersion: sub.version,
      expectedStatus: sub.status,
      event: this.event(next, actor, 'reviewer', { type: 'reviewer', ...(reviewer ? { reviewer } : {}) }),
      scopes,
      previousScopes: scopes,
      ...(await this.queueProfileFor(next, scopes)),
    });
    return withAllowed(actor, form.workflow, await this.handOut(actor, next, 'reviewer'));
  }

  private scopeFor(actor: Actor, form: FormVersion | undefined): Pick<ListQuery, 'index' | 'scope'> {
    const kind = form?.workflow.kind;
    const roles = actor.roles;
    if (
      roles.includes('reviewer') &&
      kind !== 'case' &&
      (!form || form.workflow.review.includes('reviewer'))
    ) {
      return { index: 'second', scope: reviewScope('reviewer') };
    }
    if (roles.includes('coordinator') && (kind === undefined || kind === 'case'))
      return { index: 'org', scope: orgScope(actor.org, 'case') };
    if (roles.includes('manager') && (kind === undefined || kind === 'case'))
      return { index: 'second', scope: assigneeScope(actor.sub) };
    if (roles.includes('municipality') && (kind === undefined || kind === 'funding'))
      return { index: 'org', scope: orgScope(actor.org, 'funding') };
    if (
      form &&
      kind === 'generic' &&
      isOwnerSide(actor, form.workflow, { kind, org: actor.org, revision: 0 })
    ) {
      return { index: 'org', scope: orgScope(actor.org, 'generic') };
    }
    throw forbidden('submission.list_forbidden', 'Your role sees no submissions of this kind.');
  }
}
