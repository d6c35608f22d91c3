import { useMemo, useState } from 'react';
import { api, listAll } from '../../api/client.ts';
import type { SubmissionSummary, UserItem } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { submissionPath } from '../../router.ts';
import { useSession } from '../../session/session.tsx';
import { DateField } from '../../ui/date-field.tsx';
import { ErrorAlert, Loading, PageHeading, StatusBadge, statusLabel, useLoad } from '../../ui/primitives.tsx';
import { Table } from '../../ui/table.tsx';
import { NewButtons } from '../home/new-buttons.tsx';
import { StatusFilter } from '../home/status-filter.tsx';

export const today = () => new Date().toISOString().slice(0, 10);

export function CaseloadPage() {
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
        <StatusFilter value={status} onChange={setStatus} kind="case" />
        <div className="kern-form-input">
          <label className="kern-label" htmlFor="f-review">
            {t('plans.reviewBefore')}
          </label>
          <DateField id="f-review" value={reviewBefore} onValue={setReviewBefore} />
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
                label={statusLabel(i18n, s.status, load.data?.defs.get(s.formId)?.i18n, s)}
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
