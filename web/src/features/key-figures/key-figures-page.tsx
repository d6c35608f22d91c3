/**
 * The yearly key figures ("Kennzahlen") out of the agreed integration plans. The granting authority sees the
 * published figures of all organisations, small groups suppressed by the server; a coordinator sees the own
 * organisation's figures in full. Both download the same figures as CSV, built by the server.
 */
import { useEffect, useRef, useState } from 'react';
import { api, download } from '../../api/client.ts';
import type { Area, Cell, GoalStatus, KeyFiguresReport } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { useSession } from '../../session/session.tsx';
import {
  Alert,
  announce,
  Card,
  ErrorAlert,
  errorText,
  Facts,
  Loading,
  PageHeading,
  useLoad,
} from '../../ui/primitives.tsx';

// The server's stable keys (functions/core/key-figures.ts); the labels are in the message catalogue, since a
// reviewer never loads the plan form whose texts name them too.
const AREAS: readonly Area[] = [
  'language',
  'work',
  'recognition',
  'housing',
  'school',
  'health',
  'finances',
  'residence',
  'participation',
  'family',
  'other',
];
const STATUSES: readonly GoalStatus[] = [
  'open',
  'in_progress',
  'reached',
  'partly_reached',
  'not_reached',
  'deferred',
];
/** Said with the suppression note; kept here until it moves into the message catalogue. */
/** The first year of the programme ("Pakt für Integration", 2017). */
const FIRST_YEAR = 2017;

const berlinYear = () =>
  Number(new Intl.DateTimeFormat('en', { timeZone: 'Europe/Berlin', year: 'numeric' }).format(new Date()));

/** Row, column and grand totals of the goal table. */
interface Totals {
  byArea: Record<Area, Cell>;
  byStatus: Record<GoalStatus, Cell>;
  all: Cell;
}

/** Both shapes as published cells: a coordinator's plain counts are never suppressed. */
const cellOf = (v: number | Cell): Cell => (typeof v === 'number' ? { value: v, suppressed: false } : v);

/** A coordinator's totals, added up from the full table (never suppressed). */
function totalsOf(counts: Record<Area, Record<GoalStatus, number>>): Totals {
  const rowSum = (a: Area) => STATUSES.reduce((n, s) => n + counts[a][s], 0);
  return {
    byArea: Object.fromEntries(AREAS.map((a) => [a, cellOf(rowSum(a))])) as Record<Area, Cell>,
    byStatus: Object.fromEntries(
      STATUSES.map((s) => [s, cellOf(AREAS.reduce((n, a) => n + counts[a][s], 0))]),
    ) as Record<GoalStatus, Cell>,
    all: cellOf(AREAS.reduce((n, a) => n + rowSum(a), 0)),
  };
}

/** The figures of either report shape as cells, with the table's totals (suppressed like cells for reviewers). */
function normalise(report: KeyFiguresReport) {
  const f = report.figures;
  const table = Object.fromEntries(
    AREAS.map((area) => [
      area,
      Object.fromEntries(STATUSES.map((s) => [s, cellOf(f.goalsByAreaStatus[area][s])])),
    ]),
  ) as Record<Area, Record<GoalStatus, Cell>>;
  const totals = report.suppressed ? report.figures.goalTotals : totalsOf(report.figures.goalsByAreaStatus);
  return {
    year: f.year,
    suppressed: report.suppressed,
    table,
    totals,
    plans: { new: cellOf(f.plans.new), active: cellOf(f.plans.active), closed: cellOf(f.plans.closed) },
    due: cellOf(f.goalsReachedByDeadline.due),
    reached: cellOf(f.goalsReachedByDeadline.reached),
    reviewsHeld: cellOf(f.reviewsHeld),
  };
}

function Count({ cell }: { cell: Cell }) {
  const { t, number } = useI18n();
  if (cell.suppressed || cell.value === null)
    return (
      <span className="pakt-suppressed">
        <span aria-hidden="true">–</span>
        <span className="kern-sr-only">{t('kf.suppressedSr')}</span>
      </span>
    );
  return <>{number(cell.value)}</>;
}

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
      <div className="pakt-kf" aria-busy={load.loading || undefined}>
        <Card id="kf-plans" title={t('kf.plans')}>
          <Facts
            items={[
              [t('kf.plans.new'), <Count key="n" cell={f.plans.new} />],
              [t('kf.plans.active'), <Count key="a" cell={f.plans.active} />],
              [t('kf.plans.closed'), <Count key="c" cell={f.plans.closed} />],
            ]}
          />
        </Card>
        <Card id="kf-deadlines" title={t('kf.deadlines')}>
          <Facts
            items={[
              [t('kf.goalsDue'), <Count key="d" cell={f.due} />],
              [t('kf.goalsReached'), <Count key="r" cell={f.reached} />],
              [t('kf.reviewsHeld'), <Count key="h" cell={f.reviewsHeld} />],
            ]}
          />
        </Card>
      </div>
      <section aria-labelledby="kf-goals">
        <h2 className="kern-heading-medium" id="kf-goals">
          {t('kf.goals')}
        </h2>
        <div className="kern-table-responsive">
          <table
            className="kern-table kern-table--small kern-table--striped pakt-table"
            id="kf-table"
            aria-describedby={f.suppressed ? 'kf-note' : undefined}
          >
            <caption className="kern-sr-only">{t('kf.goals')}</caption>
            <thead className="kern-table__header">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">
                  {t('kf.area')}
                </th>
                {STATUSES.map((s) => (
                  <th scope="col" className="kern-table__header kern-table__header--numeric" key={s}>
                    {t(`kf.status.${s}` as MessageKey)}
                  </th>
                ))}
                <th scope="col" className="kern-table__header kern-table__header--numeric">
                  {t('kf.total')}
                </th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {AREAS.map((area) => (
                <tr className="kern-table__row" key={area}>
                  <th scope="row" className="kern-table__cell">
                    {t(`kf.area.${area}` as MessageKey)}
                  </th>
                  {STATUSES.map((s) => (
                    <td className="kern-table__cell kern-table__cell--numeric" key={s}>
                      <Count cell={f.table[area][s]} />
                    </td>
                  ))}
                  <td className="kern-table__cell kern-table__cell--numeric">
                    <strong>
                      <Count cell={f.totals.byArea[area]} />
                    </strong>
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot className="kern-table__footer">
              <tr className="kern-table__row">
                <th scope="row" className="kern-table__cell">
                  {t('kf.total')}
                </th>
                {STATUSES.map((s) => (
                  <td className="kern-table__cell kern-table__cell--numeric" key={s}>
                    <Count cell={f.totals.byStatus[s]} />
                  </td>
                ))}
                <td className="kern-table__cell kern-table__cell--numeric">
                  <Count cell={f.totals.all} />
                </td>
              </tr>
            </tfoot>
          </table>
        </div>
        {f.suppressed && (
          <p className="kern-body kern-body--small pakt-muted" id="kf-note">
            {t('kf.suppressedNote')}
          </p>
        )}
      </section>
    </>
  );
}
