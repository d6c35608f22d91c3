/**
 * One submission: state, the form (editable with autosave for the owner side, read-only otherwise), the
 * workflow actions of the caller's role, changes since the last revision, attachments and history.
 */
import Form from '@rjsf/core';
import type { RJSFSchema, RJSFValidationError, ValidatorType } from '@rjsf/utils';
import { type RefObject, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  computeBudget,
  effectiveFrame,
  type FrameInput,
  isJointApplication,
} from '../../../functions/core/allocation-rules.ts';
import { ApiError, api } from '../api/client.ts';
import type {
  AllocationRow,
  FormVersion,
  HistoryEvent,
  JsonObject,
  Role,
  Submission,
  UserItem,
} from '../api/types.ts';
import { useSession } from '../app.tsx';
import { FormLanguageSwitch, formDirection } from '../forms/form-language.tsx';
import { makeLocalizer, makeStringTranslator } from '../forms/localize.ts';
import {
  diffData,
  errorSchemaFrom,
  fieldId,
  overlayUiSchema,
  pathOf,
  type Schema,
  schemaAt,
  titleOfPath,
  translateSchema,
  type UiSchema,
} from '../forms/schema-tools.ts';
import { kernTheme, REVEAL_EVENT } from '../forms/theme.tsx';
import { loadValidatorModule, makeValidator } from '../forms/validator.ts';
import { type I18n, useI18n } from '../i18n/i18n.tsx';
import { submissionPath } from '../router.ts';
import { AttachmentsPanel } from './attachments.tsx';
import { formatValue, SubmissionDataView } from './data-view.tsx';
import { HistoryTimeline } from './history.tsx';
import { markSeen, ROUND } from './home.tsx';
import { LockBanner } from './lock-banner.tsx';
import { PrivacySection } from './privacy.tsx';
import {
  Alert,
  announce,
  Card,
  detailMessage,
  ErrorAlert,
  Facts,
  Loading,
  PageHeading,
  StatusBadge,
  statusLabel,
} from './ui.tsx';

const ThemedForm = Form;
const EDITABLE = ['draft', 'revised'];
const draftKey = (id: string) => `pakt.draft.${id}`;

interface StoredDraft {
  data: JsonObject;
  version: number;
}

interface Loaded {
  sub: Submission;
  form: FormVersion;
  history: HistoryEvent[];
}

const can = (roles: Role[], allowed: Role[]) => roles.some((r) => allowed.includes(r));

export default function SubmissionPage({ id }: { id: string }) {
  const i18n = useI18n();
  const { t, dateTime } = i18n;
  const { me, role } = useSession();
  const [state, setState] = useState<Loaded>();
  const [error, setError] = useState<unknown>();
  const [notice, setNotice] = useState<string>();
  const [formKey, setFormKey] = useState(0);
  // The language of the form's labels (the person's, while sitting with them); the app's own by default.
  const [labelLanguage, setLabelLanguage] = useState<string>();

  const load = useCallback(async () => {
    try {
      const { data: sub, etag } = await api.get(id);
      if (etag && Number(etag) !== sub.version) sub.version = Number(etag);
      const [{ data: form }, { data: history }] = await Promise.all([
        api.form(sub.formId, sub.formVersion),
        api.history(id),
      ]);
      setState({ sub, form, history: history.items });
      setError(undefined);
    } catch (e) {
      setError(e);
    }
  }, [id]);

  useEffect(() => {
    load();
    if (role === 'reviewer') markSeen(id);
  }, [load, id, role]);

  if (error && !state) return <ErrorAlert error={error} retry={load} />;
  if (!state) return <Loading />;
  const { sub, form, history } = state;
  const wf = form.workflow;
  const isPlan = wf.kind === 'case';
  // A locked plan (consent to storage withdrawn) is only kept until its erasure: nothing changes it any more.
  const locked = sub.locked === true;
  const editable = !locked && can(me.roles, wf.submit) && EDITABLE.includes(sub.status);
  const reviewable = !locked && can(me.roles, wf.review) && sub.status === 'review';
  const amendable = !locked && can(me.roles, wf.submit) && sub.status === 'approved' && wf.amend;
  const title = form.i18n[i18n.locale]?.title ?? form.title[i18n.locale] ?? form.title.de;
  const labels = labelLanguage && form.i18n[labelLanguage] ? labelLanguage : i18n.locale;
  const caseId = isPlan ? String(sub.indexed.caseId ?? '') : String(sub.indexed.applicantName ?? '');
  const onUpdated = (next: Submission, message?: string) => {
    setState((s) => (s ? { ...s, sub: next } : s));
    if (message) {
      setNotice(message);
      announce(message);
    }
    api.history(id).then(({ data }) => setState((s) => (s ? { ...s, history: data.items } : s)));
  };
  // A withdrawal changes the data on the server (health fields removed, consent marked): the form starts
  // again from the new state instead of saving an old copy over it.
  const onWithdrawn = (next: Submission, message: string) => {
    sessionStorage.removeItem(draftKey(id));
    onUpdated(next, message);
    setFormKey((k) => k + 1);
  };
  const reload = async () => {
    sessionStorage.removeItem(draftKey(id));
    await load();
    setFormKey((k) => k + 1);
  };

  return (
    <article className="pakt-submission">
      <PageHeading sub={caseId || undefined}>{title}</PageHeading>
      <div className="pakt-meta">
        <Facts
          items={[
            [
              t('sub.status'),
              <StatusBadge key="s" status={sub.status} label={statusLabel(i18n, sub.status, form.i18n)} />,
            ],
            [t('sub.meta', { id: '' }).trim(), <code key="id">{sub.id}</code>],
            [t('sub.updated'), dateTime(sub.updatedAt)],
            ...(sub.revision > 0 ? ([[t('sub.revision'), String(sub.revision)]] as [string, string][]) : []),
          ]}
        />
        <a className="kern-link pakt-noprint" href={`#${submissionPath(id)}/druck`}>
          {t('sub.print')}
        </a>
      </div>
      {isPlan && <LockBanner sub={sub} />}
      {notice && <Alert kind="success" title={notice} role="status" />}
      {sub.status === 'revised' && sub.lastComment && (
        <Alert kind="warning" title={t('sub.returned')}>
          <p className="kern-body">{isPlan ? t('sub.returnedIntroPlan') : t('sub.returnedIntro')}</p>
          <blockquote className="pakt-quote kern-body" id="last-comment">
            {sub.lastComment}
          </blockquote>
        </Alert>
      )}
      {wf.kind === 'funding' &&
        sub.status !== 'approved' &&
        (role === 'reviewer' || role === 'municipality') && <BudgetCheck sub={sub} />}
      <Changes sub={sub} form={form} />
      {isPlan && <FormLanguageSwitch texts={form.i18n} value={labels} onChange={setLabelLanguage} />}
      {editable ? (
        <EditForm
          key={`${formKey}-${i18n.locale}`}
          sub={sub}
          form={form}
          labels={labels}
          sections={isPlan}
          onSaved={(next) => setState((s) => (s ? { ...s, sub: next } : s))}
          onSubmitted={(next) => onUpdated(next, t('sub.submitted'))}
          onReload={reload}
        />
      ) : (
        <section aria-labelledby="data-title">
          <h2 className="kern-heading-medium" id="data-title">
            {t('sub.data')}
          </h2>
          {!reviewable && !amendable && !locked && (
            <p className="kern-body pakt-muted">{t('sub.readOnly')}</p>
          )}
          <ReadOnlyData form={form} data={sub.data} labels={labels} />
        </section>
      )}
      {reviewable && <Decision sub={sub} plan={isPlan} onDone={onUpdated} />}
      {amendable && <Amend sub={sub} onDone={onUpdated} />}
      {isPlan && !locked && role === 'coordinator' && <Reassign sub={sub} onDone={onUpdated} />}
      <AttachmentsPanel
        submissionId={sub.id}
        config={form.config.attachments}
        texts={form.i18n}
        editable={editable}
      />
      {isPlan && (role === 'manager' || role === 'coordinator') && (
        <PrivacySection
          sub={sub}
          config={form.config}
          coordinator={role === 'coordinator'}
          onWithdrawn={onWithdrawn}
        />
      )}
      <HistoryTimeline events={history} plan={isPlan} />
      <p className="kern-body pakt-noprint">
        <a className="kern-link" href="#/">
          {t('app.back')}
        </a>
      </p>
    </article>
  );
}

export function ReadOnlyData({
  form,
  data,
  level,
  labels,
}: {
  form: FormVersion;
  data: JsonObject;
  level?: number;
  /** The language of the labels, if not the app's own. */
  labels?: string;
}) {
  const { locale } = useI18n();
  const language = labels ?? locale;
  const fields = form.i18n[language]?.fields;
  const schema = useMemo(() => translateSchema(form.schema as Schema, fields), [form.schema, fields]);
  const ui = useMemo(
    () => overlayUiSchema(form.schema as Schema, form.uiSchema as UiSchema, fields),
    [form.schema, form.uiSchema, fields],
  );
  const view = <SubmissionDataView schema={schema} uiSchema={ui} data={data} level={level} />;
  if (!labels) return view;
  return (
    <div lang={language} dir={formDirection(form.i18n, language)}>
      {view}
    </div>
  );
}

function BudgetCheck({ sub }: { sub: Submission }) {
  const { t, money } = useI18n();
  const [rows, setRows] = useState<AllocationRow[] | null>();
  useEffect(() => {
    api
      .allocations(String(sub.indexed.round ?? ROUND))
      .then(({ data }) => setRows(data.items))
      .catch(() => setRows(null));
  }, [sub.indexed.round]);
  if (rows === undefined) return null;
  // The frame the application is measured against (a joint application: the members' frames too), by the
  // same rule the server applies. Live figures where every frame involved is visible to the caller, else
  // the figures the server filled in at the last save.
  const involved = [sub.org, ...jointMembers(sub.data)];
  const live = involved.map((org) => rows?.find((r) => r.org === org));
  const saved = (sub.data.planningFrame ?? {}) as { frame?: number; approved?: number; remaining?: number };
  let frame: { frame?: number; approved?: number; remaining?: number; inReview?: number } = saved;
  if (live.every((r) => r !== undefined)) {
    const input: FrameInput = {
      frame: live[0]!.frame,
      approved: live[0]!.approved,
      members: Object.fromEntries(live.map((r) => [r!.org, { frame: r!.frame, approved: r!.approved }])),
    };
    frame = { ...effectiveFrame(sub.data, input), inReview: live.reduce((s, r) => s + r!.inReview, 0) };
  }
  const requested = Number(
    sub.indexed.requestedTotal ?? (sub.data.budget as JsonObject | undefined)?.requestedTotal ?? 0,
  );
  const remaining = frame.remaining;
  const over = remaining !== undefined ? requested - remaining : 0;
  return (
    <Card id="budget-title" title={t('budget.title')} className="pakt-budget">
      <Facts
        items={[
          [t('frame.frame'), money(frame.frame)],
          [t('frame.approved'), money(frame.approved)],
          ...(frame.inReview !== undefined
            ? ([[t('frame.inReview'), money(frame.inReview)]] as [string, string][])
            : []),
          [t('frame.remaining'), money(remaining)],
          [t('frame.requested'), <strong key="r">{money(requested)}</strong>],
        ]}
      />
      {remaining === undefined ? (
        <p className="kern-body">{t('budget.unknown')}</p>
      ) : over > 0 ? (
        <Alert kind="danger" title={t('budget.exceeded', { amount: money(over) })} />
      ) : (
        <Alert kind="success" title={t('budget.ok')} />
      )}
    </Card>
  );
}

/** The member organisations of a joint application, as the data names them. */
function jointMembers(data: JsonObject): string[] {
  if (!isJointApplication(data)) return [];
  const members = (data.joint as JsonObject | undefined)?.members;
  return Array.isArray(members)
    ? members.flatMap((m) =>
        typeof (m as JsonObject)?.organisationId === 'string'
          ? [(m as JsonObject).organisationId as string]
          : [],
      )
    : [];
}

/** What changed since the agreed (or previously submitted) revision. */
function Changes({ sub, form }: { sub: Submission; form: FormVersion }) {
  const i18n = useI18n();
  const { t } = i18n;
  const base = sub.amending
    ? sub.approvedRevision
    : sub.status === 'review' && sub.revision > 1
      ? sub.revision - 1
      : sub.status === 'revised' && sub.revision > 0
        ? sub.revision
        : null;
  const [changes, setChanges] = useState<{ path: string[]; before: unknown; after: unknown }[] | null>(null);
  useEffect(() => {
    if (!base) return;
    (async () => {
      const { data } = await api.revision(sub.id, base);
      setChanges(diffData(data.data, sub.data));
    })().catch(() => setChanges(null));
  }, [base, sub.id, sub.data]);
  if (!base || !changes) return null;
  const schema = translateSchema(form.schema as Schema, form.i18n[i18n.locale]?.fields);
  return (
    <section className="pakt-changes" aria-labelledby="changes-title">
      <h2 className="kern-heading-medium" id="changes-title">
        {t('sub.changes', { n: base })}
      </h2>
      {changes.length === 0 ? (
        <p className="kern-body">{t('sub.noChanges', { n: base })}</p>
      ) : (
        <div className="kern-table-responsive">
          <table className="kern-table kern-table--small pakt-table">
            <caption className="kern-sr-only">{t('sub.changes', { n: base })}</caption>
            <thead className="kern-table__header">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">
                  {t('sub.changeField')}
                </th>
                <th scope="col" className="kern-table__header">
                  {t('sub.changeOld')}
                </th>
                <th scope="col" className="kern-table__header">
                  {t('sub.changeNew')}
                </th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {changes.slice(0, 100).map((c) => {
                const node = schemaAt(schema, c.path);
                return (
                  <tr className="kern-table__row" key={c.path.join('/')}>
                    <th scope="row" className="kern-table__cell">
                      {titleOfPath(schema, c.path, (n) => t('form.item', { n }))}
                    </th>
                    <td className="kern-table__cell pakt-old">
                      {formatValue(i18n, node, undefined, c.before)}
                    </td>
                    <td className="kern-table__cell pakt-new">
                      {formatValue(i18n, node, undefined, c.after)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Decision({
  sub,
  plan,
  onDone,
}: {
  sub: Submission;
  plan: boolean;
  onDone: (s: Submission, message: string) => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const [comment, setComment] = useState('');
  const [commentError, setCommentError] = useState(false);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLTextAreaElement>(null);
  const act = async (action: 'approve' | 'return') => {
    if (action === 'return' && !comment.trim()) {
      setCommentError(true);
      ref.current?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const { data } = await api.transition(sub.id, action, sub.version, comment.trim() || undefined);
      onDone(
        data,
        action === 'approve' ? (plan ? t('sub.agreed') : t('sub.approved')) : t('sub.returnedDone'),
      );
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="pakt-decision kern-card pakt-card" aria-labelledby="decision-title">
      <div className="kern-card__container">
        <div className="kern-card__header">
          <h2 className="kern-heading-medium" id="decision-title">
            {t('sub.decision')}
          </h2>
        </div>
        <div className="kern-card__body">
          <div className={`kern-form-input${commentError ? ' kern-form-input--error' : ''}`}>
            <label className="kern-label" htmlFor="decision-comment">
              {t('sub.comment')}
            </label>
            <div className="kern-hint" id="decision-comment-hint">
              {t('sub.commentHint')}
            </div>
            {commentError && (
              <p className="kern-error" id="decision-comment-error">
                <span className="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true" />
                <span className="kern-body">{t('sub.commentRequired')}</span>
              </p>
            )}
            <textarea
              ref={ref}
              id="decision-comment"
              className={`kern-form-input__input pakt-textarea${commentError ? ' kern-form-input__input--error' : ''}`}
              rows={4}
              value={comment}
              aria-invalid={commentError || undefined}
              aria-describedby={`decision-comment-hint${commentError ? ' decision-comment-error' : ''}`}
              onChange={(e) => {
                setComment(e.target.value);
                if (e.target.value.trim()) setCommentError(false);
              }}
            />
          </div>
          <div className="kern-btn-wrapper pakt-actions">
            <button
              type="button"
              className="kern-btn kern-btn--primary"
              disabled={busy}
              onClick={() => act('approve')}
            >
              <span className="kern-icon kern-icon--check" aria-hidden="true" />
              <span className="kern-label">{plan ? t('sub.approvePlan') : t('sub.approve')}</span>
            </button>
            <button
              type="button"
              className="kern-btn kern-btn--secondary"
              disabled={busy}
              onClick={() => act('return')}
            >
              <span className="kern-icon kern-icon--arrow-back" aria-hidden="true" />
              <span className="kern-label">{t('sub.return')}</span>
            </button>
          </div>
          {error !== undefined && <ErrorAlert error={error} />}
        </div>
      </div>
    </section>
  );
}

function Amend({ sub, onDone }: { sub: Submission; onDone: (s: Submission, message?: string) => void }) {
  const { t } = useI18n();
  const [error, setError] = useState<unknown>();
  return (
    <div className="pakt-actions">
      <p className="kern-body">{t('sub.amendHint')}</p>
      <button
        type="button"
        className="kern-btn kern-btn--primary"
        onClick={async () => {
          try {
            const { data } = await api.transition(sub.id, 'amend', sub.version);
            onDone(data);
          } catch (e) {
            setError(e);
          }
        }}
      >
        <span className="kern-icon kern-icon--edit" aria-hidden="true" />
        <span className="kern-label">{t('sub.amend')}</span>
      </button>
      {error !== undefined && <ErrorAlert error={error} />}
    </div>
  );
}

function Reassign({ sub, onDone }: { sub: Submission; onDone: (s: Submission, message: string) => void }) {
  const { t } = useI18n();
  const [managers, setManagers] = useState<UserItem[]>([]);
  const [selected, setSelected] = useState(sub.assignedTo ?? sub.createdBy);
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    api.users('manager').then(({ data }) => setManagers(data.items), setError);
  }, []);
  if (managers.length === 0) return null;
  return (
    <section className="pakt-reassign" aria-labelledby="reassign-title">
      <h2 className="kern-heading-medium" id="reassign-title">
        {t('sub.reassign')}
      </h2>
      <div className="pakt-inline-form">
        <div className="kern-form-input">
          <label className="kern-label" htmlFor="assignee">
            {t('sub.assignee')}
          </label>
          <div className="kern-form-input__select-wrapper">
            <select
              id="assignee"
              className="kern-form-input__select"
              value={selected}
              onChange={(e) => setSelected(e.target.value)}
            >
              {managers.map((m) => (
                <option key={m.sub} value={m.sub}>
                  {m.name}
                </option>
              ))}
            </select>
          </div>
        </div>
        <button
          type="button"
          className="kern-btn kern-btn--secondary"
          onClick={async () => {
            try {
              const { data } = await api.assign(sub.id, selected);
              onDone(data, t('sub.assigned'));
            } catch (e) {
              setError(e);
            }
          }}
        >
          <span className="kern-label">{t('sub.assign')}</span>
        </button>
      </div>
      {error !== undefined && <ErrorAlert error={error} />}
    </section>
  );
}

type SaveState =
  | { kind: 'saved'; at?: Date }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'error'; message: string }
  | { kind: 'conflict' };

interface SummaryItem {
  id: string;
  path: string[];
  label: string;
  message: string;
}

function summaryFrom(
  i18n: I18n,
  schema: Schema,
  errors: { property?: string; message?: string }[],
): SummaryItem[] {
  const seen = new Set<string>();
  const out: SummaryItem[] = [];
  for (const e of errors) {
    const path = pathOf(e.property ?? '');
    const id = fieldId(path);
    const key = `${id}|${e.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      id,
      path,
      label: titleOfPath(schema, path, (n) => i18n.t('form.item', { n })),
      message: e.message ?? '',
    });
  }
  return out;
}

/** Moves the focus to a field, opening its section or list item first. */
function focusField(id: string, path: string[], setSection?: (s: string) => void) {
  if (setSection && path[0]) setSection(path[0]);
  window.dispatchEvent(new CustomEvent(REVEAL_EVENT, { detail: id }));
  let tries = 0;
  const attempt = () => {
    const parts = id.split('_');
    for (let n = parts.length; n > 0; n--) {
      const el = document.getElementById(parts.slice(0, n).join('_'));
      if (!el) continue;
      const target = el.matches('input,select,textarea,button')
        ? el
        : (el.querySelector<HTMLElement>('input,select,textarea,button') ?? el);
      target.focus();
      target.scrollIntoView({ block: 'center' });
      return;
    }
    if (tries++ < 10) requestAnimationFrame(attempt);
  };
  requestAnimationFrame(() => requestAnimationFrame(attempt));
}

function ErrorSummary({
  items,
  onJump,
  summaryRef,
}: {
  items: SummaryItem[];
  onJump: (item: SummaryItem) => void;
  summaryRef: RefObject<HTMLDivElement | null>;
}) {
  const { t } = useI18n();
  return (
    <div
      className="kern-alert kern-alert--danger pakt-error-summary"
      role="alert"
      aria-labelledby="error-summary-title"
      tabIndex={-1}
      ref={summaryRef}
    >
      <div className="kern-alert__header">
        <span className="kern-icon kern-icon--danger" aria-hidden="true" />
        <h2 className="kern-title" id="error-summary-title">
          {t('errors.summaryTitle')}
        </h2>
      </div>
      <div className="kern-alert__body">
        <p className="kern-body">{t('errors.summaryIntro', { count: items.length })}</p>
        <ul className="kern-list pakt-error-list">
          {items.slice(0, 50).map((item) => (
            <li key={`${item.id}|${item.message}`}>
              <a
                className="kern-link"
                href={`#${item.id}`}
                onClick={(e) => {
                  e.preventDefault();
                  onJump(item);
                }}
              >
                {item.label}: {item.message}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

function EditForm({
  sub,
  form,
  labels,
  sections,
  onSaved,
  onSubmitted,
  onReload,
}: {
  sub: Submission;
  form: FormVersion;
  /** The language of the form's labels (the person's, or the app's own). */
  labels: string;
  sections: boolean;
  onSaved: (s: Submission) => void;
  onSubmitted: (s: Submission) => void;
  onReload: () => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const schema = form.schema as Schema;
  const fields = form.i18n[labels]?.fields;
  const displaySchema = useMemo(() => translateSchema(schema, fields), [schema, fields]);
  const baseUi = useMemo(
    () => overlayUiSchema(schema, form.uiSchema as UiSchema, fields),
    [schema, form.uiSchema, fields],
  );
  const [validator, setValidator] = useState<ValidatorType>();
  const [loadError, setLoadError] = useState<unknown>();
  const stored = useMemo(() => {
    const raw = sessionStorage.getItem(draftKey(sub.id));
    return raw ? (JSON.parse(raw) as StoredDraft) : null;
  }, [sub.id]);
  const restore = stored && JSON.stringify(stored.data) !== JSON.stringify(sub.data);
  const [formData, setFormData] = useState<JsonObject>(() => (restore && stored ? stored.data : sub.data));
  const [save, setSave] = useState<SaveState>(() =>
    restore && stored && stored.version !== sub.version ? { kind: 'conflict' } : { kind: 'saved' },
  );
  const [summary, setSummary] = useState<SummaryItem[]>([]);
  const [extraErrors, setExtraErrors] = useState<Record<string, unknown>>();
  const [live, setLive] = useState(false);
  const [restoredNotice, setRestoredNotice] = useState(Boolean(restore && stored?.version === sub.version));
  const [submitError, setSubmitError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [focusSummary, setFocusSummary] = useState(0);
  const summaryRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focusSummary) summaryRef.current?.focus();
  }, [focusSummary]);
  const formRef = useRef<Form>(null);
  const data = useRef(formData);
  const version = useRef(sub.version);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const inFlight = useRef<Promise<boolean> | null>(null);
  const conflict = useRef(save.kind === 'conflict');

  const sectionKeys = useMemo(() => {
    const order = ((baseUi['ui:order'] as string[] | undefined) ?? []).filter((k) => k !== '*');
    const keys = Object.keys(schema.properties ?? {});
    return [...order.filter((k) => keys.includes(k)), ...keys.filter((k) => !order.includes(k))];
  }, [schema, baseUi]);
  const [section, setSection] = useState(sectionKeys[0] ?? '');

  useEffect(() => {
    loadValidatorModule(form.id, form.version)
      .then((module) =>
        setValidator(makeValidator(module, form.schema as RJSFSchema, makeLocalizer(i18n.t, i18n.number))),
      )
      .catch(setLoadError);
  }, [form.id, form.version, form.schema, i18n]);

  const persist = useCallback(() => {
    sessionStorage.setItem(
      draftKey(sub.id),
      JSON.stringify({ data: data.current, version: version.current }),
    );
  }, [sub.id]);

  /** Saves the latest data; resolves true when the server has it. */
  const saveNow = useCallback(async (): Promise<boolean> => {
    clearTimeout(timer.current);
    if (conflict.current) return false;
    if (inFlight.current) await inFlight.current;
    const sending = data.current;
    persist();
    setSave({ kind: 'saving' });
    const run = (async () => {
      try {
        const { data: saved, etag } = await api.save(sub.id, sending, version.current);
        version.current = etag ? Number(etag) : saved.version;
        setExtraErrors(undefined);
        onSaved({ ...saved, version: version.current });
        if (data.current === sending) {
          sessionStorage.removeItem(draftKey(sub.id));
          setSave({ kind: 'saved', at: new Date() });
        } else setSave({ kind: 'pending' });
        return true;
      } catch (e) {
        if (e instanceof ApiError && e.status === 412) {
          conflict.current = true;
          setSave({ kind: 'conflict' });
        } else if (e instanceof ApiError && e.status === 400 && e.details.length) {
          setExtraErrors(errorSchemaFrom(e.details.map((d) => ({ ...d, message: detailMessage(i18n, d) }))));
          setSave({ kind: 'error', message: e.details.map((d) => detailMessage(i18n, d)).join(' ') });
        } else if (e instanceof ApiError && (e.status === 401 || e.status === 0)) {
          setSave({ kind: 'error', message: t('save.offline') });
        } else {
          setSave({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
        }
        return false;
      } finally {
        inFlight.current = null;
      }
    })();
    inFlight.current = run;
    return run;
  }, [sub.id, persist, onSaved, t, i18n]);

  // Input restored from an earlier session (e.g. before a sign-in expired) is saved at once.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, on mount
  useEffect(() => {
    if (restore && stored?.version === sub.version) saveNow();
    return () => clearTimeout(timer.current);
  }, []);

  const onChange = (e: { formData?: JsonObject; errors: RJSFValidationError[] }) => {
    // The server's budget rules, run live: the amounts in the form are the ones the server will compute.
    const round = typeof e.formData?.round === 'string' ? form.rounds?.[e.formData.round] : undefined;
    const next = round && e.formData ? computeBudget(e.formData, round).data : (e.formData ?? {});
    data.current = next;
    setFormData(next);
    if (conflict.current) {
      persist();
      return;
    }
    setSave({ kind: 'pending' });
    if (live) setSummary(summaryFrom(i18n, displaySchema, e.errors));
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      persist();
      saveNow();
    }, 1200);
  };

  const jump = (item: SummaryItem) => focusField(item.id, item.path, sections ? setSection : undefined);

  const submit = async () => {
    if (!validator) return;
    setSubmitError(undefined);
    const saved = await saveNow();
    if (!saved) return;
    const result = validator.validateFormData(
      data.current,
      form.schema as RJSFSchema,
      undefined,
      undefined,
      baseUi,
    );
    if (result.errors.length > 0) {
      setLive(true);
      setSummary(summaryFrom(i18n, displaySchema, result.errors));
      formRef.current?.validateForm();
      setFocusSummary((n) => n + 1);
      return;
    }
    setSummary([]);
    setBusy(true);
    try {
      const { data: next } = await api.transition(sub.id, 'submit', version.current);
      sessionStorage.removeItem(draftKey(sub.id));
      onSubmitted(next);
    } catch (e) {
      if (e instanceof ApiError && e.status === 400 && e.details.length) {
        const details = e.details.map((d) => ({ pointer: d.pointer, message: detailMessage(i18n, d) }));
        setExtraErrors(errorSchemaFrom(details));
        setSummary(
          summaryFrom(
            i18n,
            displaySchema,
            details.map((d) => ({ property: d.pointer, message: d.message })),
          ),
        );
        setFocusSummary((n) => n + 1);
      } else if (e instanceof ApiError && e.status === 412) {
        conflict.current = true;
        setSave({ kind: 'conflict' });
      } else setSubmitError(e);
    } finally {
      setBusy(false);
    }
  };

  const uiSchema = useMemo(() => {
    if (!sections) return baseUi;
    const ui: UiSchema = { ...baseUi };
    for (const key of sectionKeys)
      if (key !== section) ui[key] = { ...(ui[key] as UiSchema), 'ui:field': 'hiddenSection' };
    return ui;
  }, [baseUi, sections, sectionKeys, section]);

  const translateString = useMemo(() => makeStringTranslator(i18n.t), [i18n.t]);
  const sectionTitle = (key: string) =>
    ((baseUi[key] as UiSchema | undefined)?.['ui:title'] as string | undefined) ??
    displaySchema.properties?.[key]?.title ??
    key;
  const errorsBySection = new Map<string, number>();
  for (const item of summary)
    errorsBySection.set(item.path[0] ?? '', (errorsBySection.get(item.path[0] ?? '') ?? 0) + 1);
  const index = sectionKeys.indexOf(section);

  if (loadError) return <ErrorAlert error={loadError} />;
  if (!validator) return <Loading />;

  const rendered = (
    <ThemedForm
      ref={formRef}
      {...kernTheme}
      schema={form.schema as RJSFSchema}
      uiSchema={uiSchema}
      formData={formData}
      validator={validator}
      onChange={onChange}
      onError={() => undefined}
      liveValidate={live}
      showErrorList={false}
      noHtml5Validate
      // Declarations (`const: true`) must be ticked by the applicant, never pre-filled.
      experimental_defaultFormStateBehavior={{ constAsDefaults: 'never' }}
      extraErrors={extraErrors as never}
      translateString={translateString}
      idPrefix="root"
      onSubmit={() => undefined}
    >
      <span />
    </ThemedForm>
  );

  return (
    <section className="pakt-edit" aria-labelledby="edit-title">
      <h2 className="kern-sr-only" id="edit-title">
        {t('sub.data')}
      </h2>
      {save.kind === 'conflict' && (
        <Alert kind="danger" title={t('save.conflictTitle')} role="alert">
          <p className="kern-body">{t('save.conflictBody')}</p>
          <button type="button" className="kern-btn kern-btn--primary" onClick={onReload}>
            <span className="kern-icon kern-icon--autorenew" aria-hidden="true" />
            <span className="kern-label">{t('save.reload')}</span>
          </button>
          <details className="pakt-details">
            <summary>{t('save.yourCopy')}</summary>
            <pre className="pakt-pre">{JSON.stringify(data.current, null, 2)}</pre>
          </details>
        </Alert>
      )}
      {restoredNotice && (
        <Alert kind="info" title={t('save.restored')} role="status">
          <button
            type="button"
            className="kern-btn kern-btn--tertiary kern-btn--x-small"
            onClick={() => setRestoredNotice(false)}
          >
            <span className="kern-label">{t('form.close')}</span>
          </button>
        </Alert>
      )}
      {summary.length > 0 && <ErrorSummary items={summary} onJump={jump} summaryRef={summaryRef} />}
      <div
        className={sections ? 'pakt-sections' : 'pakt-single'}
        lang={labels}
        dir={formDirection(form.i18n, labels)}
      >
        {sections && (
          <nav className="pakt-sidenav" aria-label={t('sub.sections')}>
            <ol>
              {sectionKeys.map((key, i) => (
                <li key={key}>
                  <button
                    type="button"
                    className={`pakt-sidenav__link${key === section ? ' is-current' : ''}`}
                    aria-current={key === section ? 'step' : undefined}
                    onClick={() => setSection(key)}
                  >
                    <span className="pakt-sidenav__num">{i + 1}</span>
                    <span>{sectionTitle(key)}</span>
                    {(errorsBySection.get(key) ?? 0) > 0 && (
                      <span className="kern-badge kern-badge--danger kern-badge--small">
                        <span className="kern-label kern-label--small">{errorsBySection.get(key)}</span>
                      </span>
                    )}
                  </button>
                </li>
              ))}
            </ol>
          </nav>
        )}
        <div className="pakt-formarea">
          {sections && (
            <div className="pakt-section-head">
              <p className="kern-preline">{t('sub.section', { n: index + 1, total: sectionKeys.length })}</p>
              <h3 className="kern-heading-medium">{sectionTitle(section)}</h3>
            </div>
          )}
          {rendered}
          {sections && (
            <div className="kern-btn-wrapper pakt-section-nav">
              {index > 0 && (
                <button
                  type="button"
                  className="kern-btn kern-btn--tertiary"
                  onClick={() => setSection(sectionKeys[index - 1] ?? '')}
                >
                  <span className="kern-icon kern-icon--arrow-back" aria-hidden="true" />
                  <span className="kern-label">
                    {t('sub.prev', { title: sectionTitle(sectionKeys[index - 1] ?? '') })}
                  </span>
                </button>
              )}
              {index < sectionKeys.length - 1 && (
                <button
                  type="button"
                  className="kern-btn kern-btn--secondary"
                  onClick={() => setSection(sectionKeys[index + 1] ?? '')}
                >
                  <span className="kern-label">
                    {t('sub.next', { title: sectionTitle(sectionKeys[index + 1] ?? '') })}
                  </span>
                  <span className="kern-icon kern-icon--arrow-forward" aria-hidden="true" />
                </button>
              )}
            </div>
          )}
        </div>
      </div>
      <div className="pakt-submitbar">
        <p className={`pakt-save pakt-save--${save.kind}`} role="status" aria-live="polite" id="save-state">
          {save.kind === 'saved' &&
            (save.at ? t('save.savedAt', { time: i18n.time(save.at) }) : t('save.saved'))}
          {save.kind === 'pending' && t('save.pending')}
          {save.kind === 'saving' && t('save.saving')}
          {save.kind === 'error' && t('save.error', { message: save.message })}
          {save.kind === 'conflict' && t('save.conflictTitle')}
        </p>
        <div className="kern-btn-wrapper">
          <button
            type="button"
            className="kern-btn kern-btn--secondary"
            onClick={() => saveNow()}
            disabled={save.kind === 'conflict'}
          >
            <span className="kern-label">{t('save.now')}</span>
          </button>
          <button
            type="button"
            className="kern-btn kern-btn--primary"
            onClick={submit}
            disabled={busy || save.kind === 'conflict'}
          >
            <span className="kern-label">
              {sub.status === 'revised' ? t('sub.resubmit') : t('sub.submit')}
            </span>
            <span className="kern-icon kern-icon--arrow-forward" aria-hidden="true" />
          </button>
        </div>
      </div>
      {submitError !== undefined && <ErrorAlert error={submitError} />}
    </section>
  );
}
