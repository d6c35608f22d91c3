import { useEffect, useState } from 'react';
import { api, download, type ListQuery } from '../../api/client.ts';
import type { Organisation, SubmissionSummary } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { submissionPath } from '../../router.ts';
import { useSession } from '../../session/session.tsx';
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

const PAGE = 25;
type View = 'all' | 'me' | 'none';
/** The one narrowing besides status and view: the server reads one partition per query (see docs/scale.md). */
type By = 'q' | 'district' | 'round' | 'formId';
type Narrowing = { by: By; value: string } | undefined;

/**
 * The state reviewers' work queue: pages of the server's results (oldest waiting first), one search or filter
 * at a time, the views "Meine Vorgänge" and "Nicht zugewiesen", and the running counts per status.
 */
export function InboxPage() {
  const i18n = useI18n();
  const { t, money, dateTime } = i18n;
  const session = useSession();
  const [narrowing, setNarrowing] = useState<Narrowing>();
  const [draft, setDraft] = useState<{ by: By; value: string }>({
    by: 'q',
    value: '',
  });
  const [status, setStatus] = useState('review');
  const [view, setView] = useState<View>('all');
  const [sort, setSort] = useState<'oldest' | 'newest'>('oldest');
  const [cursors, setCursors] = useState<string[]>([]);
  const [exported, setExported] = useState<{ kind: 'success' | 'danger'; text: string } | null>(null);
  // Names of municipalities and districts for display (organisations, not submissions).
  const orgs = useLoad(async () => (await api.organisations()).data.items, []);
  // The kinds of record a reviewer checks (application, payment request, ...): the reviewed forms.
  const forms = useLoad(async () => (await api.forms()).data.items.filter((f) => f.kind !== 'case'), []);
  const query: ListQuery = {
    limit: PAGE,
    sort,
    ...(narrowing ? { [narrowing.by]: narrowing.value } : {}),
    // The server combines status only with the view (or alone): a search or filter shows every status.
    ...(!narrowing && status ? { status } : {}),
    ...(!narrowing && view !== 'all' ? { reviewer: view === 'me' ? 'me' : 'none' } : {}),
  };
  const cursor = cursors.at(-1);
  const page = useLoad(
    async () => (await api.list({ ...query, ...(cursor ? { cursor } : {}) })).data,
    [JSON.stringify(query), cursor],
  );
  const reset = () => setCursors([]);
  useEffect(() => {
    if (page.data) announce(t('list.results', { count: page.data.items.length }));
  }, [page.data, t]);
  const byId = new Map<string, Organisation>((orgs.data ?? []).map((o) => [o.id, o]));
  const districts = [
    ...new Set((orgs.data ?? []).map((o) => o.district).filter((d): d is string => Boolean(d))),
  ].sort();
  const seen = seenIds();
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
  const take = async (s: SubmissionSummary, userId: string | null) => {
    await api.setReviewer(s.id, userId);
    page.reload();
  };
  const counts = page.data?.counts ?? {};
  return (
    <>
      <PageHeading>{t('inbox.title')}</PageHeading>
      <p className="kern-body">{t('inbox.intro')}</p>
      <nav aria-label={t('queue.views')} className="pakt-toolbar">
        {(['all', 'me', 'none'] as const).map((v) => (
          <button
            key={v}
            type="button"
            className={`kern-btn kern-btn--x-small ${view === v ? 'kern-btn--primary' : 'kern-btn--secondary'}`}
            aria-pressed={view === v}
            onClick={() => {
              setView(v);
              setNarrowing(undefined);
              reset();
            }}
          >
            <span className="kern-label">{t(`queue.view.${v}`)}</span>
          </button>
        ))}
      </nav>
      <form
        className="pakt-filters"
        aria-label={t('list.filter')}
        onSubmit={(e) => {
          e.preventDefault();
          setNarrowing(draft.value.trim() ? { by: draft.by, value: draft.value.trim() } : undefined);
          reset();
        }}
      >
        <div className="kern-form-input">
          <label className="kern-label" htmlFor="f-by">
            {t('queue.searchBy')}
          </label>
          <div className="kern-form-input__select-wrapper">
            <select
              id="f-by"
              className="kern-form-input__select"
              value={draft.by}
              onChange={(e) => setDraft({ by: e.target.value as By, value: '' })}
            >
              <option value="q">{t('queue.by.q')}</option>
              <option value="district">{t('inbox.district')}</option>
              <option value="round">{t('queue.by.round')}</option>
              <option value="formId">{t('queue.by.kind')}</option>
            </select>
          </div>
        </div>
        <div className="kern-form-input">
          <label className="kern-label" htmlFor="f-q">
            {t(
              draft.by === 'q'
                ? 'queue.search'
                : draft.by === 'district'
                  ? 'inbox.district'
                  : draft.by === 'formId'
                    ? 'queue.by.kind'
                    : 'queue.by.round',
            )}
          </label>
          {draft.by === 'formId' ? (
            <div className="kern-form-input__select-wrapper">
              <select
                id="f-q"
                className="kern-form-input__select"
                value={draft.value}
                onChange={(e) => setDraft({ by: 'formId', value: e.target.value })}
              >
                <option value="">{t('list.all')}</option>
                {(forms.data ?? []).map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.title[i18n.locale] ?? f.title.de}
                  </option>
                ))}
              </select>
            </div>
          ) : draft.by === 'district' ? (
            <div className="kern-form-input__select-wrapper">
              <select
                id="f-q"
                className="kern-form-input__select"
                value={draft.value}
                onChange={(e) => setDraft({ by: 'district', value: e.target.value })}
              >
                <option value="">{t('list.all')}</option>
                {districts.map((d) => (
                  <option key={d} value={d}>
                    {d}
                  </option>
                ))}
              </select>
            </div>
          ) : (
            <input
              id="f-q"
              type="search"
              className="kern-form-input__input"
              value={draft.value}
              aria-describedby="f-q-hint"
              onChange={(e) => setDraft({ by: draft.by, value: e.target.value })}
            />
          )}
          <p className="kern-body kern-body--small pakt-muted" id="f-q-hint">
            {t('queue.searchHint')}
          </p>
        </div>
        <button type="submit" className="kern-btn kern-btn--primary kern-btn--x-small">
          <span className="kern-label">{t('queue.apply')}</span>
        </button>
        {!narrowing && (
          <StatusFilter
            value={status}
            onChange={(v) => {
              setStatus(v);
              reset();
            }}
            kind="funding"
          />
        )}
        <div className="kern-form-input">
          <label className="kern-label" htmlFor="f-sort">
            {t('queue.sort')}
          </label>
          <div className="kern-form-input__select-wrapper">
            <select
              id="f-sort"
              className="kern-form-input__select"
              value={sort}
              onChange={(e) => {
                setSort(e.target.value as 'oldest' | 'newest');
                reset();
              }}
            >
              <option value="oldest">{t('queue.sort.oldest')}</option>
              <option value="newest">{t('queue.sort.newest')}</option>
            </select>
          </div>
        </div>
      </form>
      {narrowing && (
        <p className="kern-body">
          {t('queue.narrowed', { value: narrowing.value })}{' '}
          <button
            type="button"
            className="kern-btn kern-btn--tertiary kern-btn--x-small"
            onClick={() => {
              setNarrowing(undefined);
              setDraft({ by: draft.by, value: '' });
              reset();
            }}
          >
            <span className="kern-label">{t('queue.clear')}</span>
          </button>
        </p>
      )}
      <div className="pakt-toolbar">
        <p className="kern-body" role="status" aria-live="polite">
          {page.data ? t('list.results', { count: page.data.items.length }) : ''}
          {Object.keys(counts).length > 0 && (
            <>
              {' · '}
              {Object.entries(counts)
                .map(([s, n]) => `${t(`queue.count.${s}` as 'queue.count.review')}: ${n}`)
                .join(' · ')}
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
      {page.error && <ErrorAlert error={page.error} retry={page.reload} />}
      {page.loading && !page.data && <Loading />}
      {page.data && (
        <Table
          caption={t('nav.inbox')}
          head={[
            t('inbox.municipality'),
            t('list.title'),
            t('frame.requested'),
            t('list.status'),
            t('list.submitted'),
            t('queue.reviewer'),
          ]}
        >
          {page.data.items.map((s) => {
            const isNew = s.status === 'review' && !seen.has(s.id);
            const reviewer = s.reviewer;
            return (
              <tr className={`kern-table__row${isNew ? ' pakt-row--new' : ''}`} key={s.id}>
                <td className="kern-table__cell">
                  {byId.get(s.org)?.name ?? s.org}
                  <br />
                  <span className="kern-body--small pakt-muted">{byId.get(s.org)?.district}</span>
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
                  {s.fileNumber && (
                    <>
                      <br />
                      <span className="kern-body--small pakt-muted">
                        {t('docs.fileNumber')} {s.fileNumber}
                      </span>
                    </>
                  )}
                </td>
                <td className="kern-table__cell kern-table__cell--numeric">
                  {typeof s.indexed.requestedTotal === 'number' ? money(s.indexed.requestedTotal) : '—'}
                </td>
                <td className="kern-table__cell">
                  <StatusBadge status={s.status} />
                </td>
                <td className="kern-table__cell">{s.submittedAt ? dateTime(s.submittedAt) : '—'}</td>
                <td className="kern-table__cell">
                  {reviewer === session.me.sub
                    ? t('queue.mine')
                    : reviewer
                      ? t('queue.taken', { who: reviewer })
                      : t('queue.unassigned')}{' '}
                  <button
                    type="button"
                    className="kern-btn kern-btn--tertiary kern-btn--x-small"
                    onClick={() => take(s, reviewer === session.me.sub ? null : session.me.sub)}
                  >
                    <span className="kern-label">
                      {reviewer === session.me.sub ? t('queue.release') : t('queue.take')}
                    </span>
                  </button>
                </td>
              </tr>
            );
          })}
        </Table>
      )}
      <nav aria-label={t('queue.paging')} className="pakt-toolbar">
        <button
          type="button"
          className="kern-btn kern-btn--secondary kern-btn--x-small"
          disabled={cursors.length === 0}
          onClick={() => setCursors(cursors.slice(0, -1))}
        >
          <span className="kern-label">{t('queue.previous')}</span>
        </button>
        <button
          type="button"
          className="kern-btn kern-btn--secondary kern-btn--x-small"
          disabled={!page.data?.nextCursor}
          onClick={() => page.data?.nextCursor && setCursors([...cursors, page.data.nextCursor])}
        >
          <span className="kern-label">{t('queue.next')}</span>
        </button>
      </nav>
    </>
  );
}
