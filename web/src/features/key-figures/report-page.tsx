/**
 * The yearly key-figure report ("Kennzahlenbericht"). A coordinator sees the organisation's figures of the
 * year before exactly as the granting authority will see them (small groups suppressed by the server) and
 * confirms them by 31 January; the confirmed snapshot stays as it was. A reviewer sees per organisation
 * whether the report came in, and when, and reads a confirmed one. No plan data is on either page.
 */
import { useState } from 'react';
import { api } from '../../api/client.ts';
import type { KeyFigureReport, PublishedKeyFigures } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { keyFigureReportPath } from '../../router.ts';
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

/** The programme's first year ("Pakt für Integration", 2017). */
const FIRST_YEAR = 2017;
const berlinYear = () =>
  Number(new Intl.DateTimeFormat('en', { timeZone: 'Europe/Berlin', year: 'numeric' }).format(new Date()));

/** The report's figures in the key-figures page's shape (always the state's view: suppressed). */
const asPublished = (report: KeyFigureReport) =>
  report.figures
    ? // The route's schema leaves the figures' inner shape to the key-figures module (see api/types.ts).
      normalise({
        scope: { org: report.org },
        suppressed: true,
        figures: report.figures as unknown as PublishedKeyFigures,
      })
    : undefined;

function YearSelect({ year, onChange, last }: { year: number; onChange(y: number): void; last: number }) {
  const { t } = useI18n();
  const years = Array.from({ length: last - FIRST_YEAR + 1 }, (_, i) => last - i);
  return (
    <div className="kern-form-input pakt-year">
      <label className="kern-label" htmlFor="kfr-year">
        {t('kfr.year')}
      </label>
      <div className="kern-form-input__select-wrapper">
        <select
          id="kfr-year"
          className="kern-form-input__select"
          value={year}
          onChange={(e) => onChange(Number(e.target.value))}
        >
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

/** Who confirmed and when, or that it is still missing (with the due date). */
function ReportState({ report }: { report: KeyFigureReport }) {
  const { t, date, dateTime } = useI18n();
  if (report.status === 'confirmed')
    return (
      <Alert
        kind="success"
        title={t('kfr.confirmedAt', {
          at: dateTime(report.confirmedAt),
          name: report.confirmedBy?.name ?? '',
        })}
      >
        {report.onTime === false && (
          <p className="kern-body">{t('kfr.late', { due: date(report.dueDate) })}</p>
        )}
      </Alert>
    );
  return <Alert kind="warning" title={t('kfr.dueBy', { year: report.year, due: date(report.dueDate) })} />;
}

/** The coordinator's page: the figures of a finished year as the state sees them, and the confirmation. */
function CoordinatorReport() {
  const i18n = useI18n();
  const { t } = i18n;
  const { me } = useSession();
  const last = berlinYear() - 1;
  const [year, setYear] = useState(last);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const load = useLoad(async () => (await api.keyFigureReport(year, me.org)).data, [year, me.org]);
  if (load.loading && !load.data) return <Loading />;
  if (load.error || !load.data) return <ErrorAlert error={load.error} retry={load.reload} />;
  const report = load.data;
  const figures = asPublished(report);

  const confirm = async () => {
    setError(null);
    setBusy(true);
    try {
      await api.confirmKeyFigureReport(report.year);
      announce(t('kfr.confirmedNow', { year: report.year }));
      await load.reload();
    } catch (e) {
      setError(errorText(i18n, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeading sub={me.orgName}>{t('kfr.title', { year: report.year })}</PageHeading>
      <p className="kern-body">{t('kfr.introCoordinator')}</p>
      <div className="pakt-toolbar pakt-toolbar--end">
        <YearSelect year={year} onChange={setYear} last={last} />
      </div>
      <ReportState report={report} />
      {error && <Alert kind="danger" title={error} role="alert" focus />}
      {figures && <FiguresView f={figures} busy={load.loading} />}
      {report.status === 'missing' && (
        <section aria-labelledby="kfr-confirm" className="pakt-kfr-confirm">
          <h2 className="kern-heading-medium" id="kfr-confirm">
            {t('kfr.confirmHeading')}
          </h2>
          <p className="kern-body">{t('kfr.confirmText', { year: report.year })}</p>
          <button type="button" className="kern-btn kern-btn--primary" onClick={confirm} disabled={busy}>
            <span className="kern-label">{t('kfr.confirm', { year: report.year })}</span>
          </button>
        </section>
      )}
    </>
  );
}

/** The reviewer's overview: every organisation, whether its report of the year came in, and when. */
function ReviewerOverview() {
  const { t, date, dateTime } = useI18n();
  const last = berlinYear() - 1;
  const [year, setYear] = useState(last);
  const load = useLoad(async () => (await api.keyFigureReports(year)).data, [year]);
  if (load.loading && !load.data) return <Loading />;
  if (load.error || !load.data) return <ErrorAlert error={load.error} retry={load.reload} />;
  const overview = load.data;
  const came = overview.items.filter((i) => i.status === 'confirmed').length;
  return (
    <>
      <PageHeading>{t('kfr.overviewTitle', { year: overview.year })}</PageHeading>
      <p className="kern-body">{t('kfr.introReviewer', { due: date(overview.dueDate) })}</p>
      <div className="pakt-toolbar pakt-toolbar--end">
        <YearSelect year={year} onChange={setYear} last={last} />
      </div>
      <p className="kern-body" id="kfr-count">
        {t('kfr.count', { came, all: overview.items.length })}
      </p>
      <div className="kern-table-responsive">
        <table
          className="kern-table kern-table--small kern-table--striped pakt-table"
          aria-describedby="kfr-count"
          aria-busy={load.loading || undefined}
        >
          <caption className="kern-sr-only">{t('kfr.overviewTitle', { year: overview.year })}</caption>
          <thead className="kern-table__header">
            <tr className="kern-table__row">
              <th scope="col" className="kern-table__header">
                {t('kfr.organisation')}
              </th>
              <th scope="col" className="kern-table__header">
                {t('kfr.district')}
              </th>
              <th scope="col" className="kern-table__header">
                {t('kfr.state')}
              </th>
            </tr>
          </thead>
          <tbody className="kern-table__body">
            {overview.items.map((item) => (
              <tr className="kern-table__row" key={item.org}>
                <th scope="row" className="kern-table__cell">
                  {item.status === 'confirmed' ? (
                    <a className="kern-link" href={`#${keyFigureReportPath(overview.year, item.org)}`}>
                      {item.orgName}
                    </a>
                  ) : (
                    item.orgName
                  )}
                </th>
                <td className="kern-table__cell">{item.district ?? ''}</td>
                <td className="kern-table__cell">
                  {item.status === 'confirmed' ? (
                    <>
                      <span className="kern-badge kern-badge--success">
                        <span className="kern-label kern-label--small">{t('kfr.cameIn')}</span>
                      </span>{' '}
                      {dateTime(item.confirmedAt)}
                      {item.onTime === false && <> ({t('kfr.lateShort')})</>}
                    </>
                  ) : (
                    <span className="kern-badge kern-badge--warning">
                      <span className="kern-label kern-label--small">{t('kfr.missing')}</span>
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** A reviewer reads one organisation's confirmed report. */
function ReviewerReport({ year, org }: { year: number; org: string }) {
  const { t } = useI18n();
  const load = useLoad(async () => (await api.keyFigureReport(year, org)).data, [year, org]);
  if (load.loading && !load.data) return <Loading />;
  if (load.error || !load.data) return <ErrorAlert error={load.error} retry={load.reload} />;
  const report = load.data;
  const figures = asPublished(report);
  return (
    <>
      <PageHeading sub={report.orgName}>{t('kfr.title', { year: report.year })}</PageHeading>
      <p className="kern-body">
        <a className="kern-link" href="#/kennzahlenbericht">
          {t('kfr.back')}
        </a>
      </p>
      <ReportState report={report} />
      {figures && <FiguresView f={figures} />}
    </>
  );
}

export default function KeyFigureReportPage({ year, org }: { year?: number; org?: string }) {
  const { role } = useSession();
  if (role === 'coordinator') return <CoordinatorReport />;
  if (year !== undefined && org !== undefined) return <ReviewerReport year={year} org={org} />;
  return <ReviewerOverview />;
}
