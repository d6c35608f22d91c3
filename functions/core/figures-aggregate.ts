/**
 * Maintained key-figure counts ("Kennzahlen") of one organisation, so a year's figures are read from one item
 * per organisation instead of from every plan's figures record.
 *
 * An aggregate is a flat map of counters (`key → count`), all additive: the aggregate of a set of records is
 * the sum of each record's {@link figuresContribution}, so a change of one record is one {@link figuresDelta}
 * added to the stored counters (DynamoDB `ADD` in the same transaction as the record, no read of the
 * aggregate, safe under concurrent writes of other plans). Keys, `Y` a calendar year:
 *
 * - `nY` plans whose counselling began in Y; `cY` plans closed in Y;
 * - `aY` change of the active plans at the start of Y: +1 in the year a counselling began, −1 in the year after
 *   it was closed, so the plans active in a year are the sum of `a` up to it;
 * - `gY` + area letter + status digit: the same change for the goals of those plans, by area × status;
 * - `dY`, `rY`: goals due in Y of plans active in Y, and how many of them were reached by their deadline;
 * - `vY`: reviews held in Y.
 *
 * From these, {@link keyFiguresOf} gives exactly what {@link aggregateKeyFigures} counts from the records, and
 * {@link planCountsOf} exactly what {@link protectPlanSeries} needs; so suppression runs on the same counts as
 * before and publishes the same figures. Pure: no I/O.
 */
import {
  AREAS,
  type AreaStatusTable,
  aggregateKeyFigures,
  type FiguresRecord,
  GOAL_STATUSES,
  type KeyFigures,
  type PlanCounts,
  type PublishedKeyFigures,
  planCountsOfRecords,
  protectPlanCounts,
  suppressSmallCells,
} from './key-figures.ts';

/** One organisation's counters; a missing key counts 0. */
export type FiguresAggregate = Readonly<Record<string, number>>;

const AREA_LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const goalKey = (year: number, areaIndex: number, statusIndex: number) =>
  `g${year}${AREA_LETTERS[areaIndex]}${statusIndex}`;
const GOAL_KEY = /^g(\d+)([a-z])(\d)$/;

function add(counts: Map<string, number>, key: string, n: number) {
  counts.set(key, (counts.get(key) ?? 0) + n);
}

/** What one record adds to its organisation's aggregate. */
export function figuresContribution(record: FiguresRecord): Map<string, number> {
  const counts = new Map<string, number>();
  const start = record.counsellingStartYear;
  const closed = record.closedYear;
  add(counts, `n${start}`, 1);
  if (closed !== undefined) add(counts, `c${closed}`, 1);
  for (const review of record.reviewsHeld) add(counts, `v${review.year}`, 1);
  // A plan closed before its counselling began is active in no year (as aggregateKeyFigures counts it).
  if (closed !== undefined && closed < start) return counts;
  add(counts, `a${start}`, 1);
  if (closed !== undefined) add(counts, `a${closed + 1}`, -1);
  for (const goal of record.goals) {
    const a = AREAS.indexOf(goal.area);
    const s = GOAL_STATUSES.indexOf(goal.status);
    add(counts, goalKey(start, a, s), 1);
    if (closed !== undefined) add(counts, goalKey(closed + 1, a, s), -1);
    const due = goal.deadlineYear;
    if (due !== undefined && due >= start && (closed === undefined || due <= closed)) {
      add(counts, `d${due}`, 1);
      if (goal.reachedByDeadline === true) add(counts, `r${due}`, 1);
    }
  }
  return counts;
}

/**
 * What to add to an organisation's aggregate when a plan's record changes from `before` to `after` (either
 * absent: written for the first time, or removed). Only non-zero changes; empty if nothing changes.
 */
export function figuresDelta(
  before: FiguresRecord | undefined,
  after: FiguresRecord | undefined,
): Record<string, number> {
  const counts = after ? figuresContribution(after) : new Map<string, number>();
  if (before) for (const [key, n] of figuresContribution(before)) add(counts, key, -n);
  const delta: Record<string, number> = {};
  for (const [key, n] of counts) if (n !== 0) delta[key] = n;
  return delta;
}

/** The aggregate plus a delta, without the keys that fall to 0. */
export function applyDelta(aggregate: FiguresAggregate, delta: Readonly<Record<string, number>>) {
  const next: Record<string, number> = { ...aggregate };
  for (const [key, n] of Object.entries(delta)) {
    const sum = (next[key] ?? 0) + n;
    if (sum === 0) delete next[key];
    else next[key] = sum;
  }
  return next;
}

/** The aggregate of a set of records (for backfills, tests and generated data). */
export function aggregateOf(records: readonly FiguresRecord[]): Record<string, number> {
  let aggregate: Record<string, number> = {};
  for (const record of records) aggregate = applyDelta(aggregate, figuresDelta(undefined, record));
  return aggregate;
}

/** The key figures of `year`, as {@link aggregateKeyFigures} counts them from the records. */
export function keyFiguresOf(aggregate: FiguresAggregate, year: number): KeyFigures {
  // The records' own function on no records gives the zero figures (and checks the year).
  const figures = aggregateKeyFigures([], year);
  const goals: AreaStatusTable<number> = figures.goalsByAreaStatus;
  const n = (key: string) => aggregate[key] ?? 0;
  figures.plans.new = n(`n${year}`);
  figures.plans.closed = n(`c${year}`);
  figures.goalsReachedByDeadline = { due: n(`d${year}`), reached: n(`r${year}`) };
  figures.reviewsHeld = n(`v${year}`);
  for (const [key, count] of Object.entries(aggregate)) {
    if (key[0] === 'a') {
      if (Number(key.slice(1)) <= year) figures.plans.active += count;
      continue;
    }
    const goal = key[0] === 'g' ? GOAL_KEY.exec(key) : null;
    if (!goal || Number(goal[1]) > year) continue;
    const area = AREAS[AREA_LETTERS.indexOf(goal[2]!)];
    const status = GOAL_STATUSES[Number(goal[3])];
    if (area && status) goals[area][status] += count;
  }
  return figures;
}

/** The plan counts per year that {@link protectPlanCounts} protects, from the aggregate. */
export function planCountsOf(aggregate: FiguresAggregate): PlanCounts {
  const eventYears: number[] = [];
  const deltas: Array<[number, number]> = [];
  for (const [key, count] of Object.entries(aggregate)) {
    const kind = key[0];
    if ((kind === 'n' || kind === 'c') && count > 0) eventYears.push(Number(key.slice(1)));
    else if (kind === 'a') deltas.push([Number(key.slice(1)), count]);
  }
  deltas.sort((x, y) => x[0] - y[0]);
  return {
    eventYears,
    newIn: (y) => aggregate[`n${y}`] ?? 0,
    closedIn: (y) => aggregate[`c${y}`] ?? 0,
    activeFrom(first, last) {
      const active = new Array<number>(last - first + 1).fill(0);
      let running = 0;
      let i = 0;
      for (let y = first; y <= last; y++) {
        while (i < deltas.length && deltas[i]![0] <= y) running += deltas[i++]![1];
        active[y - first] = running;
      }
      return active;
    },
  };
}

/**
 * One organisation's figures of a year as reviewers see them, from its aggregate: small counts hidden, plan
 * counts protected across the years. The same as {@link publishedFromRecords} of the records it counts.
 */
export function publishedOf(aggregate: FiguresAggregate, year: number): PublishedKeyFigures {
  const figures = suppressSmallCells(keyFiguresOf(aggregate, year));
  const plans = protectPlanCounts(planCountsOf(aggregate)).get(year);
  return plans ? { ...figures, plans } : figures;
}

/** The same, counted from the records (the reference the aggregate must match). */
export function publishedFromRecords(records: readonly FiguresRecord[], year: number): PublishedKeyFigures {
  const figures = suppressSmallCells(aggregateKeyFigures(records, year));
  const plans = protectPlanCounts(planCountsOfRecords(records)).get(year);
  return plans ? { ...figures, plans } : figures;
}
