/**
 * The key figures of one organisation or of all, as cards and the goal table: shared by the key-figures page
 * and the yearly key-figure report (what a coordinator confirms and a reviewer reads).
 */
import type { Area, Cell, GoalStatus, KeyFiguresReport } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { Card, Facts } from '../../ui/primitives.tsx';

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
export function normalise(report: KeyFiguresReport) {
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

/** The figures, normalised by `normalise`, as cards and the goal table. */
export function FiguresView({ f, busy = false }: { f: ReturnType<typeof normalise>; busy?: boolean }) {
  const { t } = useI18n();
  return (
    <>
      <div className="pakt-kf" aria-busy={busy || undefined}>
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
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: the table scrolls sideways on a phone; a scrolling region must be reachable by keyboard (WCAG 2.1.1, axe scrollable-region-focusable). */}
        <section className="kern-table-responsive" tabIndex={0} aria-labelledby="kf-goals">
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
        </section>
        {f.suppressed && (
          <p className="kern-body kern-body--small pakt-muted" id="kf-note">
            {t('kf.suppressedNote')}
          </p>
        )}
      </section>
    </>
  );
}
