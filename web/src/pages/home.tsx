import { type ReactNode, useMemo, useState } from 'react';
import { api, download, listAll } from '../api/client.ts';
import type {
  AllocationRow,
  FormListItem,
  Organisation,
  Status,
  SubmissionSummary,
  UserItem,
} from '../api/types.ts';
import { useSession } from '../app.tsx';
import { type I18n, useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { navigate, submissionPath } from '../router.ts';
import { AdminHome } from './admin.tsx';
import {
  Alert,
  announce,
  Card,
  ErrorAlert,
  errorText,
  Facts,
  Loading,
  PageHeading,
  StatusBadge,
  statusLabel,
  useLoad,
} from './ui.tsx';

export const ROUND = '2017-2018';
const STATUSES: Status[] = ['draft', 'review', 'revised', 'approved'];
const SEEN_KEY = 'pakt.seen';

export function HomePage() {
  const { role } = useSession();
  if (role === 'municipality') return <MunicipalityHome />;
  if (role === 'manager' || role === 'coordinator') return <CaseloadPage />;
  if (role === 'reviewer') return <InboxPage />;
  return <AdminHome />;
}

const formTitle = (i18n: I18n, form?: FormListItem) =>
  form ? (form.title[i18n.locale] ?? form.title.de) : '';

async function startNew(formId: string, setError: (e: unknown) => void) {
  try {
    const { data } = await api.create(formId);
    navigate(submissionPath(data.id));
  } catch (e) {
    setError(e);
  }
}

function NewButtons({ forms, kind, label }: { forms: FormListItem[]; kind: string; label: MessageKey }) {
  const i18n = useI18n();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const matching = forms.filter((f) => f.kind === kind);
  return (
    <div className="kern-btn-wrapper pakt-actions">
      {matching.map((form) => (
        <button
          key={form.id}
          type="button"
          className="kern-btn kern-btn--primary"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            await startNew(form.id, setError);
            setBusy(false);
          }}
        >
          <span className="kern-icon kern-icon--add" aria-hidden="true" />
          <span className="kern-label">
            {matching.length > 1 ? i18n.t('dash.newForm', { title: formTitle(i18n, form) }) : i18n.t(label)}
          </span>
        </button>
      ))}
      {error !== undefined && <ErrorAlert error={error} />}
    </div>
  );
}

function Table({ caption, head, children }: { caption: string; head: ReactNode[]; children: ReactNode }) {
  return (
    <div className="kern-table-responsive">
      <table className="kern-table kern-table--striped pakt-table">
        <caption className="kern-title pakt-caption">{caption}</caption>
        <thead className="kern-table__header">
          <tr className="kern-table__row">
            {head.map((h, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: static header
              <th scope="col" className="kern-table__header" key={i}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="kern-table__body">{children}</tbody>
      </table>
    </div>
  );
}

function AllocationPanel({ row }: { row: AllocationRow }) {
  const i18n = useI18n();
  const { t, money } = i18n;
  const used =
    row.frame > 0 ? Math.min(100, Math.round(((row.approved + row.inReview) / row.frame) * 100)) : 0;
  return (
    <Card id="frame-title" title={t('frame.title', { round: row.round ?? ROUND })}>
      <Facts
        items={[
          [
            t('frame.frame'),
            <span className="pakt-num" key="f">
              {money(row.frame)}
            </span>,
          ],
          [
            t('frame.approved'),
            <span className="pakt-num" key="a">
              {money(row.approved)}
            </span>,
          ],
          [
            t('frame.inReview'),
            <span className="pakt-num" key="r">
              {money(row.inReview)}
            </span>,
          ],
          [
            t('frame.remaining'),
            <strong className="pakt-num" key="m">
              {money(row.remaining)}
            </strong>,
          ],
        ]}
      />
      <progress
        className="pakt-meter"
        max={100}
        value={used}
        aria-label={`${t('frame.approved')} + ${t('frame.inReview')}`}
      >
        {used} %
      </progress>
    </Card>
  );
}

function MunicipalityHome() {
  const i18n = useI18n();
  const { t, money, dateTime } = i18n;
  const { me } = useSession();
  const load = useLoad(async () => {
    const [forms, items, allocations] = await Promise.all([
      api.forms(),
      listAll({}),
      api.allocations(ROUND).catch(() => ({ data: undefined })),
    ]);
    const rows = allocations.data?.items;
    return { forms: forms.data.items, items, allocation: rows?.find((r) => r.org === me.org) };
  }, [me.org]);
  if (load.loading && !load.data) return <Loading />;
  if (load.error || !load.data) return <ErrorAlert error={load.error} retry={load.reload} />;
  const { forms, items, allocation } = load.data;
  const byForm = new Map(forms.map((f) => [f.id, f]));
  const counts = STATUSES.map((s) => [s, items.filter((i) => i.status === s).length] as const);
  return (
    <>
      <PageHeading sub={me.orgName}>{t('dash.welcome', { name: me.name })}</PageHeading>
      <div className="pakt-dash">
        <div className="pakt-dash__main">
          <NewButtons forms={forms} kind="funding" label="dash.newApplication" />
          <h2 className="kern-heading-medium">{t('dash.applications')}</h2>
          <ul className="pakt-counts" aria-label={t('dash.byState')}>
            {counts.map(([status, n]) => (
              <li key={status}>
                <StatusBadge status={status} /> <span className="kern-body">{n}</span>
              </li>
            ))}
          </ul>
          {items.length === 0 ? (
            <p className="kern-body">{t('dash.noApplications')}</p>
          ) : (
            <Table
              caption={t('dash.applications')}
              head={[t('list.title'), t('list.status'), t('frame.requested'), t('list.updated')]}
            >
              {items.map((s) => (
                <tr className="kern-table__row" key={s.id}>
                  <td className="kern-table__cell">
                    <a className="kern-link" href={`#${submissionPath(s.id)}`}>
                      {String(s.indexed.applicantName ?? formTitle(i18n, byForm.get(s.formId)))}
                    </a>
                    <br />
                    <span className="kern-body--small pakt-muted">
                      {formTitle(i18n, byForm.get(s.formId))} · {String(s.indexed.round ?? '')}
                    </span>
                  </td>
                  <td className="kern-table__cell">
                    <StatusBadge status={s.status} />
                    {s.status === 'revised' && s.lastComment && (
                      <p className="kern-body--small pakt-comment-snippet">{s.lastComment}</p>
                    )}
                  </td>
                  <td className="kern-table__cell kern-table__cell--numeric">
                    {typeof s.indexed.requestedTotal === 'number' ? money(s.indexed.requestedTotal) : '—'}
                  </td>
                  <td className="kern-table__cell">{dateTime(s.updatedAt)}</td>
                </tr>
              ))}
            </Table>
          )}
        </div>
        {allocation && (
          <aside className="pakt-dash__side">
            <AllocationPanel row={allocation} />
          </aside>
        )}
      </div>
    </>
  );
}

const today = () => new Date().toISOString().slice(0, 10);

function CaseloadPage() {
  const i18n = useI18n();
  const { t, date, dateTime } = i18n;
  const { me, role } = useSession();
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState('');
  const [reviewBefore, setReviewBefore] = useState('');
  const load = useLoad(async () => {
    const forms = (await api.forms()).data.items;
    const caseForms = forms.filter((f) => f.kind === 'case');
    const lists = await Promise.all(caseForms.map((f) => listAll({ formId: f.id })));
    const defs = new Map(
      (await Promise.all(caseForms.map((f) => api.form(f.id)))).map((r) => [r.data.id, r.data]),
    );
    const managers = await api.users('manager').then(
      (r) => r.data.items,
      () => [] as UserItem[],
    );
    return { forms, items: lists.flat(), managers, defs };
  }, []);
  const filtered = useMemo(() => {
    const items = load.data?.items ?? [];
    const q = query.trim().toLowerCase();
    return items
      .filter(
        (s) =>
          !q ||
          String(s.indexed.caseId ?? '')
            .toLowerCase()
            .includes(q),
      )
      .filter((s) => !status || s.status === status)
      .filter((s) => !reviewBefore || String(s.indexed.nextReviewDate ?? '9999') <= reviewBefore)
      .sort((a, b) => {
        if (role === 'coordinator' && (a.status === 'review') !== (b.status === 'review')) {
          return a.status === 'review' ? -1 : 1;
        }
        return String(a.indexed.nextReviewDate ?? '9999').localeCompare(
          String(b.indexed.nextReviewDate ?? '9999'),
        );
      });
  }, [load.data, query, status, reviewBefore, role]);
  if (load.loading && !load.data) return <Loading />;
  if (load.error || !load.data) return <ErrorAlert error={load.error} retry={load.reload} />;
  const names = new Map(load.data.managers.map((m) => [m.sub, m.name]));
  const now = today();
  // A locked plan waits for its erasure: no review is due any more.
  const isOverdue = (s: SubmissionSummary) =>
    typeof s.indexed.nextReviewDate === 'string' &&
    s.indexed.nextReviewDate < now &&
    !s.indexed.closedAt &&
    !s.locked;
  const overdue = filtered.filter(isOverdue).length;
  return (
    <>
      <PageHeading sub={me.orgName}>
        {role === 'coordinator' ? t('plans.orgPlans') : t('plans.caseload')}
      </PageHeading>
      {role === 'manager' && <NewButtons forms={load.data.forms} kind="case" label="dash.newPlan" />}
      <form className="pakt-filters" aria-label={t('list.filter')} onSubmit={(e) => e.preventDefault()}>
        <div className="kern-form-input">
          <label className="kern-label" htmlFor="f-case">
            {t('plans.search')}
          </label>
          <input
            id="f-case"
            type="search"
            className="kern-form-input__input"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
        </div>
        <StatusFilter value={status} onChange={setStatus} />
        <div className="kern-form-input">
          <label className="kern-label" htmlFor="f-review">
            {t('plans.reviewBefore')}
          </label>
          <input
            id="f-review"
            type="date"
            className="kern-form-input__input"
            value={reviewBefore}
            onChange={(e) => setReviewBefore(e.target.value)}
          />
        </div>
      </form>
      <p className="kern-body" role="status">
        {t('list.results', { count: filtered.length })}
        {overdue > 0 && (
          <>
            {' '}
            · <strong>{t('plans.overdueCount', { count: overdue })}</strong>
          </>
        )}
        {role === 'coordinator' && <> · {t('plans.reviewFirst')}</>}
      </p>
      <Table
        caption={t('plans.title')}
        head={[
          t('plans.caseId'),
          t('list.status'),
          t('plans.nextReview'),
          t('plans.assignee'),
          t('list.updated'),
        ]}
      >
        {filtered.map((s) => (
          <tr className={`kern-table__row${isOverdue(s) ? ' pakt-row--overdue' : ''}`} key={s.id}>
            <td className="kern-table__cell">
              <a className="kern-link" href={`#${submissionPath(s.id)}`}>
                {String(s.indexed.caseId ?? s.id)}
              </a>
            </td>
            <td className="kern-table__cell">
              <StatusBadge
                status={s.status}
                label={statusLabel(i18n, s.status, load.data?.defs.get(s.formId)?.i18n)}
              />
              {s.locked && (
                <p className="kern-body--small pakt-locked-note">
                  <span className="kern-badge kern-badge--danger kern-badge--small">
                    <span className="kern-label kern-label--small">{t('privacy.lockedBadge')}</span>
                  </span>{' '}
                  {s.erasureDueAt && t('privacy.erasureOn', { date: date(s.erasureDueAt) })}
                </p>
              )}
            </td>
            <td className="kern-table__cell">
              {s.indexed.nextReviewDate ? date(String(s.indexed.nextReviewDate)) : '—'}
              {isOverdue(s) && (
                <span className="kern-badge kern-badge--danger kern-badge--small pakt-inline-badge">
                  <span className="kern-label kern-label--small">{t('plans.overdue')}</span>
                </span>
              )}
            </td>
            <td className="kern-table__cell">
              {names.get(s.assignedTo ?? s.createdBy) ?? String(s.indexed.managerName ?? '—')}
            </td>
            <td className="kern-table__cell">{dateTime(s.updatedAt)}</td>
          </tr>
        ))}
      </Table>
    </>
  );
}

function StatusFilter({ value, onChange }: { value: string; onChange(v: string): void }) {
  const i18n = useI18n();
  return (
    <div className="kern-form-input">
      <label className="kern-label" htmlFor="f-status">
        {i18n.t('list.status')}
      </label>
      <div className="kern-form-input__select-wrapper">
        <select
          id="f-status"
          className="kern-form-input__select"
          value={value}
          onChange={(e) => onChange(e.target.value)}
        >
          <option value="">{i18n.t('list.all')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {i18n.t(`status.${s}` as MessageKey)}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

export const seenIds = (): Set<string> =>
  new Set(JSON.parse(sessionStorage.getItem(SEEN_KEY) ?? '[]') as string[]);
export function markSeen(id: string) {
  const seen = seenIds();
  seen.add(id);
  sessionStorage.setItem(SEEN_KEY, JSON.stringify([...seen]));
}

function InboxPage() {
  const i18n = useI18n();
  const { t, money, dateTime } = i18n;
  const [district, setDistrict] = useState('');
  const [org, setOrg] = useState('');
  const [status, setStatus] = useState('review');
  const [exported, setExported] = useState<{ kind: 'success' | 'danger'; text: string } | null>(null);
  const load = useLoad(async () => {
    const [items, orgs] = await Promise.all([listAll({}), api.organisations()]);
    return { items, orgs: orgs.data.items };
  }, []);
  if (load.loading && !load.data) return <Loading />;
  if (load.error || !load.data) return <ErrorAlert error={load.error} retry={load.reload} />;
  const orgs = new Map<string, Organisation>(load.data.orgs.map((o) => [o.id, o]));
  const municipalities = load.data.orgs.filter(
    (o) => o.type === 'municipality' && (!district || o.district === district),
  );
  const districts = [
    ...new Set(load.data.orgs.map((o) => o.district).filter((d): d is string => Boolean(d))),
  ].sort();
  const seen = seenIds();
  const rows = load.data.items
    .filter((s) => s.kind === 'funding')
    .filter((s) => !status || s.status === status)
    .filter((s) => !district || orgs.get(s.org)?.district === district)
    .filter((s) => !org || s.org === org);
  const unseen = rows.filter((s) => s.status === 'review' && !seen.has(s.id)).length;
  // The server builds the CSV (the same columns for every reviewer, formula-safe cells, German Excel dialect).
  const exportCsv = async () => {
    setExported(null);
    try {
      const name = await download(api.applicationsCsvPath({ status }), `${t('csv.filename')}.csv`);
      const text = t('inbox.exported', { name });
      setExported({ kind: 'success', text });
      announce(text);
    } catch (e) {
      setExported({ kind: 'danger', text: errorText(i18n, e) });
    }
  };
  return (
    <>
      <PageHeading>{t('inbox.title')}</PageHeading>
      <p className="kern-body">{t('inbox.intro')}</p>
      <form className="pakt-filters" aria-label={t('list.filter')} onSubmit={(e) => e.preventDefault()}>
        <div className="kern-form-input">
          <label className="kern-label" htmlFor="f-district">
            {t('inbox.district')}
          </label>
          <div className="kern-form-input__select-wrapper">
            <select
              id="f-district"
              className="kern-form-input__select"
              value={district}
              onChange={(e) => {
                setDistrict(e.target.value);
                setOrg('');
              }}
            >
              <option value="">{t('list.all')}</option>
              {districts.map((d) => (
                <option key={d} value={d}>
                  {d}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="kern-form-input">
          <label className="kern-label" htmlFor="f-org">
            {t('inbox.municipality')}
          </label>
          <div className="kern-form-input__select-wrapper">
            <select
              id="f-org"
              className="kern-form-input__select"
              value={org}
              onChange={(e) => setOrg(e.target.value)}
            >
              <option value="">{t('list.all')}</option>
              {municipalities.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </div>
        </div>
        <StatusFilter value={status} onChange={setStatus} />
      </form>
      <div className="pakt-toolbar">
        <p className="kern-body" role="status">
          {t('list.results', { count: rows.length })}
          {unseen > 0 && (
            <>
              {' '}
              · <strong>{t('inbox.unseen', { count: unseen })}</strong>
            </>
          )}
        </p>
        <button
          type="button"
          className="kern-btn kern-btn--secondary kern-btn--x-small"
          aria-describedby="export-hint"
          onClick={exportCsv}
        >
          <span className="kern-icon kern-icon--download kern-icon--small" aria-hidden="true" />
          <span className="kern-label">{t('inbox.export')}</span>
        </button>
      </div>
      <p className="kern-body kern-body--small pakt-muted" id="export-hint">
        {t('inbox.exportHint')}
      </p>
      {exported && (
        <Alert
          kind={exported.kind}
          title={exported.text}
          role={exported.kind === 'danger' ? 'alert' : undefined}
        />
      )}
      <Table
        caption={t('nav.inbox')}
        head={[
          t('inbox.municipality'),
          t('list.title'),
          t('frame.requested'),
          t('list.status'),
          t('list.submitted'),
        ]}
      >
        {rows.map((s) => {
          const isNew = s.status === 'review' && !seen.has(s.id);
          return (
            <tr className={`kern-table__row${isNew ? ' pakt-row--new' : ''}`} key={s.id}>
              <td className="kern-table__cell">
                {orgs.get(s.org)?.name ?? s.org}
                <br />
                <span className="kern-body--small pakt-muted">{orgs.get(s.org)?.district}</span>
              </td>
              <td className="kern-table__cell">
                <a className="kern-link" href={`#${submissionPath(s.id)}`}>
                  {String(s.indexed.applicantName ?? s.id)}
                </a>
                {isNew && (
                  <span
                    className="kern-badge kern-badge--info kern-badge--small pakt-inline-badge"
                    title={t('list.newLabel')}
                  >
                    <span className="kern-label kern-label--small">{t('list.new')}</span>
                  </span>
                )}
              </td>
              <td className="kern-table__cell kern-table__cell--numeric">
                {typeof s.indexed.requestedTotal === 'number' ? money(s.indexed.requestedTotal) : '—'}
              </td>
              <td className="kern-table__cell">
                <StatusBadge status={s.status} />
              </td>
              <td className="kern-table__cell">{s.submittedAt ? dateTime(s.submittedAt) : '—'}</td>
            </tr>
          );
        })}
      </Table>
    </>
  );
}
