import { useState } from 'react';
import { api, download, listAll } from '../../api/client.ts';
import type { Organisation } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { submissionPath } from '../../router.ts';
import {
  Alert,
  announce,
  ErrorAlert,
  errorText,
  Loading,
  PageHeading,
  StatusBadge,
  useLoad,
} from '../../ui/primitives.tsx';
import { Table } from '../../ui/table.tsx';
import { StatusFilter } from '../home/status-filter.tsx';
import { seenIds } from './seen.ts';

export function InboxPage() {
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
        <StatusFilter value={status} onChange={setStatus} kind="funding" />
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
