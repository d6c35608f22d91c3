import { createHash } from 'node:crypto';
import { assertMayAct, assertMayStart, assertReadable, isOwnerSide } from '#core/access';
import { canonicalJson } from '#core/canonical-json';
import { diffData, summarizeDiff } from '#core/diff';
import {
  AppError,
  badRequest,
  conflict,
  forbidden,
  notFound,
  staleVersion,
  versionRequired,
} from '#core/errors';
import type { FormVersion } from '#core/forms';
import {
  ACTIONS,
  type Action,
  type Actor,
  type FormKind,
  type HistoryEvent,
  type JsonObject,
  type Revision,
  type Role,
  STATUSES,
  type Status,
  type Submission,
  type SubmissionSummary,
} from '#core/model';
import { berlinDate, dueOnTransition } from '#core/retention';
import { assigneeScope, orgScope, reviewScope, scopesOf } from '#core/scopes';
import {
  assignItemIds,
  indexedValues,
  issueDetails,
  omitExtraData,
  relevantIssues,
  type SchemaIssue,
} from '#core/validation';
import { decideTransition, isEditable } from '#core/workflow';
import type { Directory } from '#ports/directory';
import type { ListQuery, Page, SubmissionStore } from '#ports/submission-store';
import type { AccessRecorder } from './access-recorder.ts';
import type { FormCatalog } from './form-catalog.ts';
import type { KindPolicy } from './funding-policy.ts';

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
  attachments?: { forRevision(submission: Submission): Promise<string[]> };
  /** Records every read of a plan in its access log (case forms only). */
  access?: Pick<AccessRecorder, 'read'>;
}

/** A submission as a reviewer sees it: the data and indexed values of the latest frozen snapshot. */
function snapshotView(sub: Submission, revision: Revision): Submission {
  return {
    ...sub,
    data: revision.data,
    formVersion: revision.formVersion,
    indexed: sub.submittedIndexed ?? sub.indexed,
  };
}

/** Ids the platform assigns (ULIDs), with room for imported ids; anything else cannot exist. */
const ID_PATTERN = /^[0-9A-Za-z_-]{1,64}$/;

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const sha256 = (value: unknown) => createHash('sha256').update(canonicalJson(value)).digest('hex');

/** Parses `If-Match` (`"3"`, `W/"3"` or `3`); 428 if missing, 412 if it is not a version at all. */
export function parseIfMatch(header: string | undefined): number {
  if (header === undefined || header.trim() === '') throw versionRequired();
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
  if (!match) throw staleVersion();
  return Number(match[1]);
}

export const etag = (version: number) => `"${version}"`;

/** The role an actor acts in for a submission (the first of theirs that the form involves). */
function actingRole(actor: Actor, preferred: readonly Role[]): Role {
  return actor.roles.find((r) => preferred.includes(r)) ?? actor.roles[0] ?? 'municipality';
}

/** The use cases of submissions: create, read, save, transitions, history, revisions, lists, assignment. */
export class SubmissionService {
  constructor(private readonly deps: SubmissionDeps) {}

  private async load(actor: Actor, id: string) {
    if (!ID_PATTERN.test(id)) throw notFound('submission.not_found', 'Submission not found.');
    const sub = await this.deps.submissions.get(id);
    if (!sub) throw notFound('submission.not_found', 'Submission not found.');
    const form = await this.deps.forms.get(sub.formId, sub.formVersion);
    const access = assertReadable(actor, form.workflow, sub);
    return { sub, form, access };
  }

  /** Drops unknown fields, assigns item ids and validates: drafts may be incomplete, never wrongly typed. */
  private async prepareData(
    form: FormVersion,
    raw: unknown,
    mode: 'draft' | 'submit',
    owner: { org: string },
  ): Promise<{ data: JsonObject; members?: string[]; policyContext?: unknown }> {
    if (raw === undefined) raw = {};
    if (!isObject(raw))
      throw badRequest('submission.invalid_data', 'data must be a JSON object.', [
        { pointer: '/data', message: 'must be an object' },
      ]);
    const pruned = omitExtraData(form.schema, raw) as JsonObject;
    let data = assignItemIds(form.schema, pruned, this.deps.newId) as JsonObject;
    let members: string[] | undefined;
    let policyContext: unknown;
    // Validate what the caller sent before server-owned fields are computed into it.
    await this.validate(form, data, mode);
    const policy = this.deps.policies?.[form.workflow.kind];
    if (policy) ({ data, members, context: policyContext } = await policy.prepare(form, data, owner));
    return {
      data,
      ...(members ? { members } : {}),
      ...(policyContext === undefined ? {} : { policyContext }),
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

  async create(actor: Actor, body: unknown): Promise<Submission> {
    if (!isObject(body) || typeof body.formId !== 'string') {
      throw badRequest('submission.invalid_request', 'Expected {formId, data?}.', [
        { pointer: '/formId', message: 'is required' },
      ]);
    }
    const form = await this.deps.forms.latest(body.formId);
    assertMayStart(actor, form.workflow);
    const { data, members } = await this.prepareData(form, body.data, 'draft', actor);
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
    };
    const role = actingRole(actor, form.workflow.start);
    await this.deps.submissions.write({
      submission: sub,
      expectedVersion: null,
      event: this.event(sub, actor, role, { type: 'created', to: 'draft' }),
      scopes: scopesOf(sub, form.workflow),
    });
    return sub;
  }

  /** The submission as the caller may see it: reviewers get the latest submitted snapshot, never a working copy. */
  async get(actor: Actor, id: string): Promise<Submission> {
    const { sub, access } = await this.load(actor, id);
    await this.deps.access?.read(actor, sub, 'view');
    if (access === 'working') return sub;
    const revision = await this.deps.submissions.getRevision(id, sub.revision);
    if (!revision) throw notFound('submission.not_found', 'Submission not found.');
    return snapshotView(sub, revision);
  }

  async save(actor: Actor, id: string, ifMatch: string | undefined, body: unknown): Promise<Submission> {
    const expected = parseIfMatch(ifMatch);
    const { sub, form } = await this.load(actor, id);
    assertMayAct(actor, form.workflow, sub, 'save');
    if (!isEditable(sub.status))
      throw conflict('submission.not_editable', `A submission in state "${sub.status}" cannot be changed.`);
    if (sub.version !== expected) throw staleVersion();
    if (!isObject(body) || !('data' in body))
      throw badRequest('submission.invalid_request', 'Expected {data}.', [
        { pointer: '/data', message: 'is required' },
      ]);
    const { data, members } = await this.prepareData(form, body.data, 'draft', sub);
    const next: Submission = {
      ...sub,
      data,
      version: sub.version + 1,
      updatedAt: this.deps.now().toISOString(),
      indexed: indexedValues(form.workflow.indexed, data),
    };
    if (members) next.members = members;
    else delete next.members;
    await this.deps.submissions.write({
      submission: next,
      expectedVersion: expected,
      expectedStatus: sub.status,
      event: this.event(next, actor, actingRole(actor, form.workflow.submit), { type: 'saved' }),
      scopes: scopesOf(next, form.workflow),
      previousScopes: scopesOf(sub, form.workflow),
    });
    return next;
  }

  async transition(
    actor: Actor,
    id: string,
    ifMatch: string | undefined,
    body: unknown,
  ): Promise<Submission> {
    const expected = parseIfMatch(ifMatch);
    if (!isObject(body) || !(ACTIONS as readonly unknown[]).includes(body.action)) {
      throw badRequest('workflow.invalid_action', `Expected {action: ${ACTIONS.join(' | ')}, comment?}.`, [
        { pointer: '/action', message: 'unknown action' },
      ]);
    }
    if (body.comment !== undefined && typeof body.comment !== 'string') {
      throw badRequest('workflow.invalid_comment', 'comment must be a string.', [
        { pointer: '/comment', message: 'must be a string' },
      ]);
    }
    const action = body.action as Action;
    const comment = typeof body.comment === 'string' ? body.comment.trim().slice(0, 4000) : undefined;
    const { sub, form } = await this.load(actor, id);
    assertMayAct(actor, form.workflow, sub, action);
    if (sub.version !== expected) throw staleVersion();
    const outcome = decideTransition(form.workflow, sub, action, comment);
    const now = this.deps.now().toISOString();

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
        this.prepareData(form, sub.data, 'submit', sub),
        this.deps.attachments?.forRevision(sub) ?? Promise.resolve([]),
      ]);
      if (preparing.status === 'rejected') throw preparing.reason;
      if (reading.status === 'rejected') throw reading.reason;
      const prepared = preparing.value;
      policyContext = prepared.policyContext;
      next.data = prepared.data;
      next.indexed = indexedValues(form.workflow.indexed, prepared.data);
      next.submittedIndexed = next.indexed;
      revision = {
        submissionId: sub.id,
        n: sub.revision + 1,
        formVersion: sub.formVersion,
        data: prepared.data,
        dataSha256: sha256(prepared.data),
        attachments: reading.value,
        createdAt: now,
        createdBy: actor.sub,
      };
      next.revision = revision.n;
      next.submittedAt ??= now;
    }
    if (outcome.approves) next.approvedRevision = next.revision;
    if (action === 'return') next.lastComment = comment;
    if (action === 'submit' || action === 'approve') delete next.lastComment;
    if (action === 'amend') next = await this.moveToLatestForm(next, form);
    const effects =
      (await this.deps.policies?.[form.workflow.kind]?.transition(
        form,
        next,
        action,
        actor,
        body,
        this.deps.now(),
        outcome,
        policyContext,
      )) ?? {};
    if (effects.patch) next = { ...next, ...effects.patch };
    // Retention: a closed plan or an approved funding application gets its erasure date (see core/retention).
    const erasureDueAt = dueOnTransition(form.workflow.kind, form.config, next, berlinDate(this.deps.now()));
    if (erasureDueAt) next.erasureDueAt = erasureDueAt;
    else delete next.erasureDueAt;

    const reviewerAction = action === 'approve' || action === 'return';
    const role = actingRole(actor, reviewerAction ? form.workflow.review : form.workflow.submit);
    await this.deps.submissions.write({
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
      }),
      // The attachments were listed after `sub` was read: the write fails if they changed since.
      ...(revision ? { revision, expectedAttachmentsVersion: sub.attachmentsVersion ?? 0 } : {}),
      scopes: scopesOf(next, (await this.deps.forms.get(next.formId, next.formVersion)).workflow),
      previousScopes: scopesOf(sub, form.workflow),
      ...(effects.allocationChanges?.length ? { allocationChanges: effects.allocationChanges } : {}),
      ...(effects.figures ? { figures: effects.figures } : {}),
    });
    return next;
  }

  /** An amended plan may move to the newest form version, if its data fits that version as a draft. */
  private async moveToLatestForm(sub: Submission, form: FormVersion): Promise<Submission> {
    const latest = await this.deps.forms.latest(sub.formId);
    if (latest.version === form.version || latest.workflow.kind !== form.workflow.kind) return sub;
    try {
      const { data } = await this.prepareData(latest, sub.data, 'draft', sub);
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
    const { sub } = await this.load(actor, id);
    await this.deps.access?.read(actor, sub, 'history');
    return this.deps.submissions.history(id);
  }

  async revision(actor: Actor, id: string, n: string): Promise<Revision> {
    const { sub } = await this.load(actor, id);
    const number = Number(n);
    if (!Number.isInteger(number) || number < 1 || number > sub.revision)
      throw notFound('revision.not_found', 'Revision not found.');
    const revision = await this.deps.submissions.getRevision(id, number);
    if (!revision) throw notFound('revision.not_found', 'Revision not found.');
    await this.deps.access?.read(actor, sub, 'revision', String(number));
    return revision;
  }

  /** Field-by-field changes between two revisions (`to` may be `working` for the owner side's working copy). */
  async diff(actor: Actor, id: string, params: Record<string, string>) {
    const { sub, access } = await this.load(actor, id);
    const number = (value: string | undefined, name: string) => {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1 || n > sub.revision) {
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
  async assign(actor: Actor, id: string, ifMatch: string | undefined, body: unknown): Promise<Submission> {
    const { sub, form } = await this.load(actor, id);
    if (sub.kind !== 'case' || !actor.roles.includes('coordinator') || actor.org !== sub.org) {
      throw forbidden(
        'submission.assign_forbidden',
        'Only a coordinator of the organisation may reassign a plan.',
      );
    }
    const expected = ifMatch === undefined ? sub.version : parseIfMatch(ifMatch);
    if (sub.version !== expected) throw staleVersion();
    if (!isObject(body) || typeof body.userId !== 'string') {
      throw badRequest('assignee.invalid_request', 'Expected {userId}.', [
        { pointer: '/userId', message: 'is required' },
      ]);
    }
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
    return next;
  }

  /** What the caller may see, newest first; each audience reads its own index partition (no scan). */
  async list(actor: Actor, params: Record<string, string>): Promise<Page<SubmissionSummary>> {
    const limit = params.limit === undefined ? 25 : Number(params.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      throw badRequest('list.bad_limit', 'limit must be a whole number from 1 to 100.', [
        { pointer: '/limit', message: '1–100' },
      ]);
    }
    if (params.status !== undefined && !(STATUSES as readonly string[]).includes(params.status)) {
      throw badRequest('list.bad_status', `status must be one of ${STATUSES.join(', ')}.`, [
        { pointer: '/status', message: 'unknown status' },
      ]);
    }
    const form = params.formId ? await this.deps.forms.latest(params.formId) : undefined;
    const query = this.scopeFor(actor, form);
    const page = await this.deps.submissions.list({
      ...query,
      limit,
      ...(params.status ? { status: params.status as Status } : {}),
      ...(params.formId ? { formId: params.formId } : {}),
      ...(params.cursor ? { cursor: params.cursor } : {}),
    });
    if (query.scope !== reviewScope('reviewer')) return page;
    // The state reviews what was submitted: list it with the snapshot's figures, not the working copy's.
    return { ...page, items: page.items.map((s) => ({ ...s, indexed: s.submittedIndexed ?? s.indexed })) };
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
