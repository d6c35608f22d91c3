/**
 * Anonymous key figures ("Kennzahlen") straight out of the integration plans ("Integrationspläne"), as the
 * state asks for them every year (due 31 January for the year before), so nobody types them in a second time.
 *
 * Three steps, all pure (no I/O, no clock, no environment; every date comes in as an argument):
 * 1. {@link figuresRecord}: one approved plan revision → one figures record. It holds years, enum keys and
 *    counts only: no case id, no names, no free text, no exact dates, no id of the plan or of a person. It
 *    is still one record per refugee (micro-data), so it stays with the municipality's data.
 * 2. {@link aggregateKeyFigures}: the records of one or more organisations → the counts of one year.
 * 3. {@link suppressSmallCells}: the counts → what a state reviewer may see, with small counts hidden so no
 *    single person can be singled out.
 *
 * Everything is keyed by the schema's stable English enum keys (`language`, `in_progress`, …); the German
 * labels live in the form's i18n file.
 */
import { AppError } from './errors.ts';
import { isObject } from './model.ts';

/** Areas of action ("Handlungsfelder"), as in `$defs.area` of the plan schema v1. */
export const AREAS = [
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
] as const;
export type Area = (typeof AREAS)[number];

/** Goal statuses ("Stand"), as in `goals[].status` of the plan schema v1. */
export const GOAL_STATUSES = [
  'open',
  'in_progress',
  'reached',
  'partly_reached',
  'not_reached',
  'deferred',
] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];

/** Reasons for closing a counselling ("Abschluss"), as in `closing.reason` of the plan schema v1. */
export const CLOSING_REASONS = [
  'goals_reached',
  'moved_away',
  'ended_by_person',
  'no_contact',
  'max_duration',
  'other',
] as const;
export type ClosingReason = (typeof CLOSING_REASONS)[number];

/** The time zone the programme's years are counted in. */
export const DEFAULT_TIME_ZONE = 'Europe/Berlin';

/** Counts of 1 up to (not including) this threshold are hidden from state reviewers. */
export const DEFAULT_SUPPRESSION_THRESHOLD = 5;

/** What {@link figuresRecord} needs to know about the plan besides its data. */
export interface FiguresMeta {
  /** The plan (submission) id. Named in error messages only; it is never copied into the record. */
  planId: string;
  /** The organisation keeping the plan (municipality or provider). */
  org: string;
  /** When the revision the figures come from was approved ("vereinbart"), ISO 8601 instant. */
  approvedAt: string;
  /** When the plan was created, ISO 8601 instant; stands in for a missing counselling start. */
  createdAt: string;
  /**
   * Optional: when each goal was first known to be reached, keyed by goal id (ISO instant or date). A service
   * that has the revision history can find it (the first approved revision in which the goal was `reached`)
   * and so keep a goal reached in time from turning late when the plan is approved again later.
   */
  goalReachedAt?: Readonly<Record<string, string>>;
}

/** One goal, reduced to its area, status and timing. */
export interface GoalFigures {
  area: Area;
  status: GoalStatus;
  /** Calendar year of the goal's deadline, if it has one. */
  deadlineYear?: number;
  /**
   * `null` if the goal has no deadline; otherwise `true` if the goal is `reached` and was known to be reached
   * on or before the deadline, else `false` (not, or not yet, or only later reached).
   */
  reachedByDeadline: boolean | null;
}

/** The anonymous figures of one plan, from one approved revision. */
export interface FiguresRecord {
  /** Version of this record's shape, so stored records can be migrated. */
  recordVersion: 1;
  org: string;
  /** Year the counselling began ("Beginn der Begleitung"). */
  counsellingStartYear: number;
  /** Year the counselling was closed, if it was. */
  closedYear?: number;
  closingReason?: ClosingReason;
  /** The counselling is meant to last beyond three years and a reason is recorded (the reason is not copied). */
  extended: boolean;
  /** The plan's goals, in the plan's order. */
  goals: GoalFigures[];
  /** One entry per review ("Fortschreibung") held, sorted by year. */
  reviewsHeld: Array<{ year: number }>;
}

/** Counts of goals by area × status, every area and status present. */
export type AreaStatusTable<T> = Record<Area, Record<GoalStatus, T>>;

/** Row (by area), column (by status) and grand totals of the goal table. */
export interface GoalTotals<T> {
  byArea: Record<Area, T>;
  byStatus: Record<GoalStatus, T>;
  all: T;
}

/** The key figures of one year, before suppression. */
export interface KeyFigures {
  year: number;
  plans: {
    /** Counselling began in the year. */
    new: number;
    /** Counselling began on or before the year's end and was not closed before the year's start. */
    active: number;
    /** Counselling was closed in the year. */
    closed: number;
  };
  /** Goals of the plans active in the year, by area and current status. */
  goalsByAreaStatus: AreaStatusTable<number>;
  /** Goals of the plans active in the year whose deadline falls in the year, and how many were reached by it. */
  goalsReachedByDeadline: { due: number; reached: number };
  /** Reviews ("Fortschreibungen") held in the year. */
  reviewsHeld: number;
}

/** A published count: `value` is `null` when it is hidden. */
export interface Cell {
  value: number | null;
  suppressed: boolean;
}

/** The key figures of one year as a state reviewer may see them. */
export interface PublishedKeyFigures {
  year: number;
  /** Counts from 1 up to (not including) this were hidden. */
  threshold: number;
  plans: { new: Cell; active: Cell; closed: Cell };
  goalsByAreaStatus: AreaStatusTable<Cell>;
  /**
   * Row, column and grand totals of the table, protected like its cells: a small total is hidden, and so is
   * any total that the published cells and totals would otherwise give away.
   */
  goalTotals: { byArea: Record<Area, Cell>; byStatus: Record<GoalStatus, Cell>; all: Cell };
  goalsReachedByDeadline: { due: Cell; reached: Cell };
  reviewsHeld: Cell;
}

// ---------------------------------------------------------------------------------------------------------
// Dates and years

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * The calendar date (`YYYY-MM-DD`) of a value in the given time zone, or undefined if it is no date.
 * A plain date (`2018-09-30`, the schema's `format: date`) is already a calendar date and is taken as written;
 * an instant (`2025-12-31T23:30:00Z`) is converted, so that one is 2026-01-01 in Berlin.
 */
function localDate(value: string, timeZone: string): string | undefined {
  const plain = DATE.exec(value);
  if (plain) {
    const [, y, m, d] = plain;
    const check = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
    return check.getUTCMonth() === Number(m) - 1 && check.getUTCDate() === Number(d) ? value : undefined;
  }
  // Instants must carry a time; `Date` would also accept free forms such as "March 7", which we do not want.
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value)) return undefined;
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) return undefined;
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}`;
}

const yearOfDate = (date: string) => Number(date.slice(0, 4));

// ---------------------------------------------------------------------------------------------------------
// One plan → one record

type Json = Record<string, unknown>;
const isOneOf = <T extends string>(list: readonly T[], v: unknown): v is T =>
  typeof v === 'string' && (list as readonly string[]).includes(v);

function invalid(meta: FiguresMeta, pointer: string, message: string): AppError {
  return new AppError(422, 'figures.plan_invalid', `Plan ${meta.planId}: ${message}`, {
    details: [{ pointer, message }],
  });
}

/**
 * Reduces one approved plan revision to its anonymous figures.
 *
 * Mapping from the plan schema v1:
 * - `counsellingStartYear` ← `/header/counsellingStart`; if that is missing, the year the plan was created
 *   (`meta.createdAt`), since every counselling starts with a written plan.
 * - `extended` ← a non-empty `/header/extensionReason` (counselling beyond three years).
 * - `closedYear` ← `/closing/date`; `closingReason` ← `/closing/reason`. A plan counts as closed once it has a
 *   closing date.
 * - `goals[]` ← `/goals/<i>` `area`, `status` (missing = `open`, the schema's default) and `deadline`.
 * - `reviewsHeld[]` ← `/reviews/<i>/date`.
 *
 * "Reached by the deadline": the schema records no date on which a goal was reached (`outcome` is free text
 * and `referral.date` is the date of a referral, not of success). So a goal counts as reached on the date it
 * was first *known* to be reached: `meta.goalReachedAt[goalId]` if given, else the approval date of this
 * revision (`meta.approvedAt`), in `timeZone`. This errs on the late side: a goal reached in time but only
 * recorded in a plan approved after the deadline counts as not reached by it.
 *
 * Years of plain dates are taken as written; years of instants are counted in `timeZone` (Europe/Berlin by
 * default). Throws an {@link AppError} `figures.plan_invalid` (422) for data the schema would reject, such as
 * an unknown area or a malformed date, so figures are never counted from data the schema does not describe.
 */
export function figuresRecord(
  planData: unknown,
  meta: FiguresMeta,
  timeZone = DEFAULT_TIME_ZONE,
): FiguresRecord {
  if (!isObject(planData)) throw invalid(meta, '', 'plan data is not an object');

  /** The calendar date of a value at `pointer`; undefined if absent, throws if present but malformed. */
  const dateAt = (value: unknown, pointer: string): string | undefined => {
    if (value === undefined || value === null || value === '') return undefined;
    const date = typeof value === 'string' ? localDate(value, timeZone) : undefined;
    if (date === undefined) throw invalid(meta, pointer, `not a date: ${JSON.stringify(value)}`);
    return date;
  };

  const approvedOn = dateAt(meta.approvedAt, '#approvedAt');
  if (approvedOn === undefined) throw invalid(meta, '#approvedAt', 'approval date missing');

  const header = isObject(planData.header) ? planData.header : {};
  const start =
    dateAt(header.counsellingStart, '/header/counsellingStart') ?? dateAt(meta.createdAt, '#createdAt');
  if (start === undefined) throw invalid(meta, '/header/counsellingStart', 'counselling start missing');

  const record: FiguresRecord = {
    recordVersion: 1,
    org: meta.org,
    counsellingStartYear: yearOfDate(start),
    extended: typeof header.extensionReason === 'string' && header.extensionReason.trim() !== '',
    goals: [],
    reviewsHeld: [],
  };

  if (planData.closing !== undefined && planData.closing !== null) {
    if (!isObject(planData.closing)) throw invalid(meta, '/closing', 'not an object');
    const { reason, date } = planData.closing;
    const closedOn = dateAt(date, '/closing/date');
    if (reason !== undefined && !isOneOf(CLOSING_REASONS, reason)) {
      throw invalid(meta, '/closing/reason', `unknown closing reason ${JSON.stringify(reason)}`);
    }
    if (reason !== undefined && closedOn === undefined)
      throw invalid(meta, '/closing/date', 'closing date missing');
    if (closedOn !== undefined) record.closedYear = yearOfDate(closedOn);
    if (reason !== undefined) record.closingReason = reason;
  }

  for (const [i, goal] of arrayAt(planData, 'goals', meta).entries()) {
    const at = `/goals/${i}`;
    if (!isObject(goal)) throw invalid(meta, at, 'not an object');
    if (!isOneOf(AREAS, goal.area))
      throw invalid(meta, `${at}/area`, `unknown area ${JSON.stringify(goal.area)}`);
    const status = goal.status ?? 'open';
    if (!isOneOf(GOAL_STATUSES, status)) {
      throw invalid(meta, `${at}/status`, `unknown status ${JSON.stringify(goal.status)}`);
    }
    const deadline = dateAt(goal.deadline, `${at}/deadline`);
    const figures: GoalFigures = { area: goal.area, status, reachedByDeadline: null };
    if (deadline !== undefined) {
      figures.deadlineYear = yearOfDate(deadline);
      const known = typeof goal.id === 'string' ? meta.goalReachedAt?.[goal.id] : undefined;
      const reachedOn = dateAt(known, `#goalReachedAt/${goal.id}`) ?? approvedOn;
      figures.reachedByDeadline = status === 'reached' && reachedOn <= deadline;
    }
    record.goals.push(figures);
  }

  for (const [i, review] of arrayAt(planData, 'reviews', meta).entries()) {
    const date = isObject(review) ? dateAt(review.date, `/reviews/${i}/date`) : undefined;
    if (date === undefined) throw invalid(meta, `/reviews/${i}/date`, 'review date missing');
    record.reviewsHeld.push({ year: yearOfDate(date) });
  }
  // The order of reviews in the plan says nothing the years do not; sorting keeps records canonical.
  record.reviewsHeld.sort((a, b) => a.year - b.year);

  return record;
}

function arrayAt(data: Json, key: string, meta: FiguresMeta): unknown[] {
  const value = data[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalid(meta, `/${key}`, 'not an array');
  return value;
}

// ---------------------------------------------------------------------------------------------------------
// Records → counts of one year

function table<T>(init: () => T): AreaStatusTable<T> {
  const rows = {} as AreaStatusTable<T>;
  for (const area of AREAS) {
    const row = {} as Record<GoalStatus, T>;
    for (const status of GOAL_STATUSES) row[status] = init();
    rows[area] = row;
  }
  return rows;
}

/**
 * Counts the key figures of `year` over the given records (filter them by organisation before, as needed).
 *
 * A plan is active in the year if its counselling began on or before the year's end and it was not closed
 * before the year's start (a plan closed during the year is active and closed). The goal table and the goals
 * due count only goals of plans active in the year. Statuses are those of each plan's latest approved
 * revision, so the figures are a snapshot taken when they are computed: the yearly report should be taken
 * early in the following year, as the programme asks (31 January), and kept.
 */
export function aggregateKeyFigures(records: readonly FiguresRecord[], year: number): KeyFigures {
  if (!Number.isInteger(year)) throw new RangeError(`Not a year: ${year}`);
  const figures: KeyFigures = {
    year,
    plans: { new: 0, active: 0, closed: 0 },
    goalsByAreaStatus: table(() => 0),
    goalsReachedByDeadline: { due: 0, reached: 0 },
    reviewsHeld: 0,
  };
  for (const record of records) {
    for (const review of record.reviewsHeld) if (review.year === year) figures.reviewsHeld++;
    if (record.counsellingStartYear === year) figures.plans.new++;
    if (record.closedYear === year) figures.plans.closed++;
    const active =
      record.counsellingStartYear <= year && (record.closedYear === undefined || record.closedYear >= year);
    if (!active) continue;
    figures.plans.active++;
    for (const goal of record.goals) {
      figures.goalsByAreaStatus[goal.area][goal.status]++;
      if (goal.deadlineYear === year) {
        figures.goalsReachedByDeadline.due++;
        if (goal.reachedByDeadline === true) figures.goalsReachedByDeadline.reached++;
      }
    }
  }
  return figures;
}

// ---------------------------------------------------------------------------------------------------------
// Suppression of small counts

/** The row, column and grand totals of a goal table. */
export function goalTotals(counts: AreaStatusTable<number>): GoalTotals<number> {
  const byArea = {} as Record<Area, number>;
  const byStatus = {} as Record<GoalStatus, number>;
  for (const status of GOAL_STATUSES) byStatus[status] = 0;
  let all = 0;
  for (const area of AREAS) {
    byArea[area] = 0;
    for (const status of GOAL_STATUSES) {
      const n = counts[area][status];
      byArea[area] += n;
      byStatus[status] += n;
      all += n;
    }
  }
  return { byArea, byStatus, all };
}

/**
 * Hides small counts so a state reviewer cannot single out a person ("Geheimhaltung" of small cells).
 *
 * - Primary suppression: every count from 1 to `threshold - 1` becomes `{ value: null, suppressed: true }`.
 *   Zeros are not sensitive and stay published.
 * - The goal table is protected together with its totals. A total is a count like any other (a row total of
 *   1 says that exactly one goal of that area exists), so the table is extended by one row (the column
 *   totals) and one column (the row totals, the grand total in the corner), and every row and every column of
 *   the extended table is a linear relation: its last cell is the sum of the others. Primary suppression
 *   applies to all cells of the extended table, totals included.
 * - Complementary suppression on the extended table: while a row (or column) has exactly one hidden cell,
 *   the smallest non-zero published cell of that line is hidden too (ties: the table's cells before totals,
 *   then row by row; a zero only if there is no non-zero cell left), until no line has exactly one hidden
 *   cell. Beyond that rule, any hidden cell that the relations would still determine (two groups of hidden
 *   cells joined only through that cell, a "bridge") is protected by hiding one more cell that closes a cycle
 *   through it, again the smallest non-zero one. Then every hidden cell lies on a cycle of hidden cells, and
 *   no hidden cell or total can be computed exactly from the published cells and totals. Bounds remain
 *   inferable (counts are not negative); this is the usual price of simple cell suppression.
 * - Goals reached by their deadline: `reached` and the unpublished `due - reached` form a row whose total
 *   (`due`) is published, so `reached` is hidden if either of them is small.
 * - Plan counts and reviews: a small count is hidden on its own.
 *
 * Differences between publications are covered by the callers: the state's figures are added up from the
 * organisations' published ones ({@link sumPublished}), and plan counts are protected across the years
 * ({@link protectPlanSeries}).
 */
export function suppressSmallCells(
  figures: KeyFigures,
  threshold = DEFAULT_SUPPRESSION_THRESHOLD,
): PublishedKeyFigures {
  if (!Number.isInteger(threshold) || threshold < 1) throw new RangeError(`Not a threshold: ${threshold}`);
  const small = (n: number) => n > 0 && n < threshold;
  const cell = (value: number, hide = small(value)): Cell =>
    hide ? { value: null, suppressed: true } : { value, suppressed: false };

  // The extended table: one row per area and a last row of column totals; one column per status and a last
  // column of row totals; the grand total in the corner.
  const counts = figures.goalsByAreaStatus;
  const totals = goalTotals(counts);
  const extended: number[][] = [
    ...AREAS.map((area) => [...GOAL_STATUSES.map((status) => counts[area][status]), totals.byArea[area]]),
    [...GOAL_STATUSES.map((status) => totals.byStatus[status]), totals.all],
  ];
  const hidden = extended.map((row) => row.map(small));
  protectTable(extended, hidden);

  const at = (row: number, column: number): Cell =>
    cell(extended[row]?.[column] ?? 0, hidden[row]?.[column] ?? false);
  const totalRow = AREAS.length;
  const totalColumn = GOAL_STATUSES.length;
  const goalsByAreaStatus = table<Cell>(() => ({ value: 0, suppressed: false }));
  const byArea = {} as Record<Area, Cell>;
  const byStatus = {} as Record<GoalStatus, Cell>;
  for (const [i, area] of AREAS.entries()) {
    for (const [j, status] of GOAL_STATUSES.entries()) goalsByAreaStatus[area][status] = at(i, j);
    byArea[area] = at(i, totalColumn);
  }
  for (const [j, status] of GOAL_STATUSES.entries()) byStatus[status] = at(totalRow, j);

  const { due, reached } = figures.goalsReachedByDeadline;
  return {
    year: figures.year,
    threshold,
    plans: {
      new: cell(figures.plans.new),
      active: cell(figures.plans.active),
      closed: cell(figures.plans.closed),
    },
    goalsByAreaStatus,
    goalTotals: { byArea, byStatus, all: at(totalRow, totalColumn) },
    goalsReachedByDeadline: {
      due: cell(due),
      reached: cell(reached, small(reached) || small(due - reached)),
    },
    reviewsHeld: cell(figures.reviewsHeld),
  };
}

/** A cell of a table: row and column index. */
type Pos = readonly [row: number, column: number];

/**
 * Adds complementary suppressions to `hidden` until no hidden cell of `counts` follows from the relations.
 *
 * `counts` is a rectangular table (at least 2 × 2) in which every row and every column is a linear relation
 * with known coefficients ±1 (here: the goal table extended by its totals, the last row and column). After a
 * change of sign of the last row and column, every line sums to zero, so an attacker knows the sum of the
 * hidden cells of each line. In the bipartite graph of rows and columns joined by hidden cells, a hidden cell
 * is determined exactly iff it lies on no cycle (a bridge); a line with exactly one hidden cell is the
 * simplest case of that. The last row and column are only preferred less on ties.
 */
function protectTable(counts: readonly (readonly number[])[], hidden: boolean[][]): void {
  const rowCount = counts.length;
  const columnCount = counts[0]?.length ?? 0;
  const value = ([r, c]: Pos) => counts[r]?.[c] ?? 0;
  const isHidden = ([r, c]: Pos) => hidden[r]?.[c] === true;
  const rowIndexes = Array.from({ length: rowCount }, (_, r) => r);
  const columnIndexes = Array.from({ length: columnCount }, (_, c) => c);
  const lines: Pos[][] = [
    ...rowIndexes.map((r) => columnIndexes.map((c): Pos => [r, c])),
    ...columnIndexes.map((c) => rowIndexes.map((r): Pos => [r, c])),
  ];
  // Tie order: cells of the inner table first, totals after them; each row by row.
  const isTotal = ([r, c]: Pos) => r === rowCount - 1 || c === columnCount - 1;
  const order = (p: Pos) => (isTotal(p) ? rowCount * columnCount : 0) + p[0] * columnCount + p[1];

  /** Hides the smallest non-zero published cell among `candidates` (a zero if none); false if there is none. */
  const hideSmallest = (candidates: readonly Pos[]): boolean => {
    let best: Pos | undefined;
    for (const p of candidates) {
      if (isHidden(p)) continue;
      const n = value(p);
      const b = best === undefined ? undefined : value(best);
      // Non-zero cells beat zeros; then the smaller count; then the first candidate.
      if (b === undefined || (b === 0 && n > 0) || (n > 0 && n < b)) best = p;
    }
    const row = best === undefined ? undefined : hidden[best[0]];
    if (best === undefined || row === undefined) return false;
    row[best[1]] = true;
    return true;
  };

  for (;;) {
    let changed = false;
    for (const line of lines) {
      // A line's last cell is its total, so inner cells come first on ties, as `order` wants.
      if (line.filter(isHidden).length === 1 && hideSmallest(line)) changed = true;
    }
    if (changed) continue;
    const bridge = findBridge(hidden);
    if (bridge === undefined) return;
    // Any published cell from a row on one side of the bridge to a column on the other closes a cycle.
    const candidates = [
      ...bridge.sideA.rows.flatMap((r) => bridge.sideB.columns.map((c): Pos => [r, c])),
      ...bridge.sideB.rows.flatMap((r) => bridge.sideA.columns.map((c): Pos => [r, c])),
    ];
    if (!hideSmallest(candidates.sort((a, b) => order(a) - order(b)))) return;
  }
}

/** Rows and columns of a table, by index, in ascending order. */
interface Side {
  rows: number[];
  columns: number[];
}

/**
 * The first hidden cell (row by row) whose value the relations determine: in the bipartite graph of rows and
 * columns joined by hidden cells, an edge on no cycle. Returns the two sides the graph falls into without it.
 */
function findBridge(hidden: readonly (readonly boolean[])[]): { sideA: Side; sideB: Side } | undefined {
  for (const [r, row] of hidden.entries()) {
    for (const [c, isHidden] of row.entries()) {
      if (!isHidden) continue;
      const sideA = reach({ rows: [r], columns: [] }, hidden, [r, c]);
      if (sideA.columns.includes(c)) continue;
      return { sideA, sideB: reach({ rows: [], columns: [c] }, hidden, [r, c]) };
    }
  }
  return undefined;
}

/** Rows and columns reachable from `start` over hidden cells, not using the cell `without`. */
function reach(start: Side, hidden: readonly (readonly boolean[])[], without: Pos): Side {
  const rows = new Set(start.rows);
  const columns = new Set(start.columns);
  const used = (r: number, c: number) => hidden[r]?.[c] === true && !(r === without[0] && c === without[1]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [r, row] of hidden.entries()) {
      for (const c of row.keys()) {
        if (!used(r, c) || rows.has(r) === columns.has(c)) continue;
        rows.add(r);
        columns.add(c);
        grew = true;
      }
    }
  }
  const ascending = (a: number, b: number) => a - b;
  return { rows: [...rows].sort(ascending), columns: [...columns].sort(ascending) };
}

// ---------------------------------------------------------------------------------------------------------
// Protection across queries: plan counts over the years, and the state's figures

/** The years a reviewer may ask for; plan counts are protected over all of them at once. */
export const FIGURES_FIRST_YEAR = 2000;
export const FIGURES_LAST_YEAR = 2100;

export type PlanCells = PublishedKeyFigures['plans'];

/**
 * The plan counts (new, active, closed) of one organisation for every year a reviewer may ask for, each
 * year's cells protected together with every other year's: the plans active in a year are those active the
 * year before, plus the new ones, minus those closed the year before, so a count hidden in one year could
 * otherwise be worked out from three published counts of two years. Small counts are hidden, then more cells
 * (the smallest non-zero first) until no hidden count follows from the published ones of any year. The result
 * does not depend on the year asked for, so every query gives the same published series.
 */
export function protectPlanSeries(
  records: readonly FiguresRecord[],
  threshold = DEFAULT_SUPPRESSION_THRESHOLD,
): Map<number, PlanCells> {
  return protectPlanCounts(planCountsOfRecords(records), threshold);
}

/** An organisation's plan counts per year, whether counted from the records or from maintained counters. */
export interface PlanCounts {
  /** The years in which some counselling began or was closed (repeats allowed). */
  eventYears: readonly number[];
  newIn(year: number): number;
  closedIn(year: number): number;
  /** The plans active in each year from `first` to `last`, both included. */
  activeFrom(first: number, last: number): number[];
}

/** The plan counts of a set of records. */
export function planCountsOfRecords(records: readonly FiguresRecord[]): PlanCounts {
  const tally = (years: number[]) => {
    const m = new Map<number, number>();
    for (const y of years) m.set(y, (m.get(y) ?? 0) + 1);
    return m;
  };
  const started = tally(records.map((r) => r.counsellingStartYear));
  const closed = tally(records.flatMap((r) => (r.closedYear === undefined ? [] : [r.closedYear])));
  return {
    eventYears: [...started.keys(), ...closed.keys()],
    newIn: (y) => started.get(y) ?? 0,
    closedIn: (y) => closed.get(y) ?? 0,
    activeFrom(first, last) {
      const active = new Array<number>(last - first + 1).fill(0);
      for (const r of records) {
        const from = Math.max(first, r.counsellingStartYear);
        const to = Math.min(last, r.closedYear ?? last);
        for (let y = from; y <= to; y++) active[y - first]! += 1;
      }
      return active;
    },
  };
}

/** {@link protectPlanSeries} on plan counts however they were counted. */
export function protectPlanCounts(
  counts: PlanCounts,
  threshold = DEFAULT_SUPPRESSION_THRESHOLD,
): Map<number, PlanCells> {
  // Only the years around the records' own change anything: before them every count is 0, after them no plan
  // starts or closes, so every later year repeats the last one's active count (with its hidden mark; a chain
  // of equal hidden cells determines none of them).
  const eventYears = counts.eventYears;
  const clamp = (y: number) => Math.min(FIGURES_LAST_YEAR, Math.max(FIGURES_FIRST_YEAR, y));
  const first = eventYears.length ? clamp(Math.min(...eventYears) - 1) : FIGURES_FIRST_YEAR;
  const last = eventYears.length ? clamp(Math.max(...eventYears) + 1) : FIGURES_FIRST_YEAR;
  const years = last - first + 1;
  // Cell index: 3 × (year − first) + 0 (new) | 1 (active) | 2 (closed).
  const values = new Array<number>(3 * years).fill(0);
  const active = counts.activeFrom(first, last);
  for (let k = 0; k < years; k++) {
    values[3 * k] = counts.newIn(first + k);
    values[3 * k + 1] = active[k] ?? 0;
    values[3 * k + 2] = counts.closedIn(first + k);
  }
  const hidden = values.map((n) => n > 0 && n < threshold);
  // active(y) − active(y−1) − new(y) + closed(y−1) = 0
  const relations: Array<Map<number, number>> = [];
  for (let i = 1; i < years; i++) {
    relations.push(
      new Map([
        [3 * i + 1, 1],
        [3 * (i - 1) + 1, -1],
        [3 * i, -1],
        [3 * (i - 1) + 2, 1],
      ]),
    );
  }
  for (;;) {
    const exposed = determinedUnknowns(relations, (i) => hidden[i] === true)[0];
    if (exposed === undefined) break;
    const near = relations.filter((r) => r.has(exposed)).flatMap((r) => [...r.keys()]);
    const candidates = near.filter((i) => !hidden[i]);
    if (candidates.length === 0) break;
    // The smallest non-zero count, else a zero; on ties the earliest.
    const best = candidates.reduce((a, b) => {
      const x = values[a] ?? 0;
      const y = values[b] ?? 0;
      if (x === 0 && y > 0) return b;
      if (y > 0 && y < x) return b;
      if (y === x && b < a) return b;
      return a;
    });
    hidden[best] = true;
  }
  const cell = (i: number): Cell =>
    hidden[i] ? { value: null, suppressed: true } : { value: values[i] ?? 0, suppressed: false };
  const zero: Cell = { value: 0, suppressed: false };
  const series = new Map<number, PlanCells>();
  for (let y = FIGURES_FIRST_YEAR; y <= FIGURES_LAST_YEAR; y++) {
    if (y < first) series.set(y, { new: zero, active: zero, closed: zero });
    else if (y > last) series.set(y, { new: zero, active: cell(3 * (years - 1) + 1), closed: zero });
    else {
      const k = y - first;
      series.set(y, { new: cell(3 * k), active: cell(3 * k + 1), closed: cell(3 * k + 2) });
    }
  }
  return series;
}

/**
 * The unknowns that linear relations (each summing to zero over known and unknown cells) determine exactly:
 * Gauss–Jordan elimination over the unknowns; an unknown is determined iff some combination of the relations
 * holds it alone. Coefficients are small integers, so floating point with a tolerance is exact enough.
 */
export function determinedUnknowns(
  relations: ReadonlyArray<ReadonlyMap<number, number>>,
  isUnknown: (i: number) => boolean,
): number[] {
  const EPS = 1e-9;
  const pivots: Array<{ at: number; row: Map<number, number> }> = [];
  for (const relation of relations) {
    let row = new Map<number, number>();
    for (const [i, c] of relation) if (isUnknown(i)) row.set(i, c);
    for (const p of pivots) {
      const c = row.get(p.at);
      if (!c) continue;
      const next = new Map(row);
      for (const [i, x] of p.row) next.set(i, (next.get(i) ?? 0) - c * x);
      for (const [i, x] of next) if (Math.abs(x) < EPS) next.delete(i);
      row = next;
    }
    const head = row.keys().next();
    if (head.done) continue;
    const scale = row.get(head.value) ?? 1;
    const normal = new Map([...row].map(([i, x]) => [i, x / scale] as const));
    for (const p of pivots) {
      const c = p.row.get(head.value);
      if (!c) continue;
      for (const [i, x] of normal) p.row.set(i, (p.row.get(i) ?? 0) - c * x);
      for (const [i, x] of p.row) if (Math.abs(x) < EPS) p.row.delete(i);
    }
    pivots.push({ at: head.value, row: normal });
  }
  return pivots
    .filter((p) => p.row.size === 1)
    .map((p) => p.at)
    .sort((a, b) => a - b);
}

/**
 * The state's figures as the sum of the organisations' published figures: a cell is the sum of theirs where
 * each of them is published, and hidden where any is hidden. Computed from what is published only, so
 * comparing it with the organisations' figures reveals nothing that these do not.
 */
export function sumPublished(year: number, parts: readonly PublishedKeyFigures[]): PublishedKeyFigures {
  const add = (cells: readonly Cell[]): Cell =>
    cells.some((c) => c.suppressed || c.value === null)
      ? { value: null, suppressed: true }
      : { value: cells.reduce((s, c) => s + (c.value ?? 0), 0), suppressed: false };
  const pick = (f: (p: PublishedKeyFigures) => Cell) => add(parts.map(f));
  const goalsByAreaStatus = table<Cell>(() => ({ value: 0, suppressed: false }));
  const byArea = {} as Record<Area, Cell>;
  const byStatus = {} as Record<GoalStatus, Cell>;
  for (const area of AREAS) {
    for (const status of GOAL_STATUSES)
      goalsByAreaStatus[area][status] = pick((p) => p.goalsByAreaStatus[area][status]);
    byArea[area] = pick((p) => p.goalTotals.byArea[area]);
  }
  for (const status of GOAL_STATUSES) byStatus[status] = pick((p) => p.goalTotals.byStatus[status]);
  return {
    year,
    threshold: parts[0]?.threshold ?? DEFAULT_SUPPRESSION_THRESHOLD,
    plans: {
      new: pick((p) => p.plans.new),
      active: pick((p) => p.plans.active),
      closed: pick((p) => p.plans.closed),
    },
    goalsByAreaStatus,
    goalTotals: { byArea, byStatus, all: pick((p) => p.goalTotals.all) },
    goalsReachedByDeadline: {
      due: pick((p) => p.goalsReachedByDeadline.due),
      reached: pick((p) => p.goalsReachedByDeadline.reached),
    },
    reviewsHeld: pick((p) => p.reviewsHeld),
  };
}
