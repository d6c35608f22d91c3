/**
 * The yearly key figures ("Kennzahlen") out of the agreed integration plans. The granting authority sees the
 * published figures of all organisations, small groups suppressed by the server; a coordinator sees the own
 * organisation's figures in full. Both download the same figures as CSV, built by the server.
 */
import { useEffect, useRef, useState } from 'react';
import { api, download } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSession } from '../../session/session.tsx';
import {
  Alert,
  announce,
  ErrorAlert,
  errorText,
  Loading,
  PageHeading,
  useLoad,
} from '../../ui/primitives.tsx';
import { FiguresView, normalise } from './figures-view.tsx';

/** Said with the suppression note; kept here until it moves into the message catalogue. */
/** The first year of the programme ("Pakt für Integration", 2017). */
const FIRST_YEAR = 2017;

const berlinYear = () =>
  Number(new Intl.DateTimeFormat('en', { timeZone: 'Europe/Berlin', year: 'numeric' }).format(new Date()));

export default function KeyFiguresPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const { me, role } = useSession();
  const thisYear = berlinYear();
  const [year, setYear] = useState(thisYear);
  const [result, setResult] = useState<{ kind: 'success' | 'danger'; text: string } | null>(null);
  const load = useLoad(async () => normalise((await api.keyFigures(year)).data), [year]);
  const announced = useRef<number | null>(null);

  // Changing the year reloads the figures in place: say so to screen readers once they are there.
  useEffect(() => {
    if (!load.data || load.loading) return;
    if (announced.current !== null && announced.current !== load.data.year)
      announce(t('kf.loaded', { year: load.data.year }));
    announced.current = load.data.year;
  }, [load.data, load.loading, t]);

  if (load.loading && !load.data) return <Loading />;
  if (load.error || !load.data) return <ErrorAlert error={load.error} retry={load.reload} />;
  const f = load.data;
  const years = Array.from({ length: thisYear - FIRST_YEAR + 1 }, (_, i) => thisYear - i);

  const csv = async () => {
    setResult(null);
    try {
      const name = await download(api.keyFiguresCsvPath(f.year), `kennzahlen-${f.year}.csv`);
      const text = t('kf.downloaded', { name });
      setResult({ kind: 'success', text });
      announce(text);
    } catch (e) {
      setResult({ kind: 'danger', text: errorText(i18n, e) });
    }
  };

  return (
    <>
      <PageHeading sub={role === 'coordinator' ? me.orgName : undefined}>
        {t('kf.title', { year: f.year })}
      </PageHeading>
      <p className="kern-body">{f.suppressed ? t('kf.introReviewer') : t('kf.introCoordinator')}</p>
      <div className="pakt-toolbar pakt-toolbar--end">
        <div className="kern-form-input pakt-year">
          <label className="kern-label" htmlFor="kf-year">
            {t('kf.year')}
          </label>
          <div className="kern-form-input__select-wrapper">
            <select
              id="kf-year"
              className="kern-form-input__select"
              value={year}
              onChange={(e) => setYear(Number(e.target.value))}
            >
              {years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </div>
        </div>
        <button type="button" className="kern-btn kern-btn--secondary kern-btn--x-small" onClick={csv}>
          <span className="kern-icon kern-icon--download kern-icon--small" aria-hidden="true" />
          <span className="kern-label">{t('kf.csv')}</span>
        </button>
      </div>
      {result && (
        <Alert kind={result.kind} title={result.text} role={result.kind === 'danger' ? 'alert' : undefined} />
      )}
      <FiguresView f={f} busy={load.loading} />
    </>
  );
}
