import { describe, expect, it } from 'vitest';
import { MemoryDirectory } from '../../functions/adapters/memory/directory.ts';
import { MemoryFiguresStore } from '../../functions/adapters/memory/figures-store.ts';
import { MemorySubmissionStore } from '../../functions/adapters/memory/submission-store.ts';
import {
  AREAS,
  type Area,
  type FiguresRecord,
  GOAL_STATUSES,
  type GoalStatus,
} from '../../functions/core/key-figures.ts';
import { ReportService } from '../../functions/services/report-service.ts';
import { actor } from '../helpers/services.ts';

/**
 * A state reviewer plays the attacker: every query the reviewer can make (every organisation and "all", every
 * year, JSON and CSV) is collected, and everything a reviewer knows about how the figures hang together is
 * written down as linear equations (a goal table's rows and columns add up to its totals; the plans active in
 * a year are those active the year before, plus the new, minus those closed the year before; the state's
 * figures are the organisations' added up). No hidden count may follow from them.
 */

const ORGS = ['aichwald', 'baltmannsweiler', 'deizisau', 'esslingen'] as const;
const YEARS = Array.from({ length: 9 }, (_, i) => 2021 + i);
const reviewer = actor('pruefer', 'reviewer', 'rp-stuttgart');

type Json = Record<string, any>;

function rand(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

/** Plans of each organisation with uneven, partly small groups (a fixed seed per case). */
function records(seed: number): FiguresRecord[] {
  const r = rand(seed);
  const out: FiguresRecord[] = [];
  const sizes = [2, 6, 9, 23].map((n) => Math.max(1, Math.round(n * (0.5 + r()))));
  for (const [i, org] of ORGS.entries()) {
    for (let p = 0; p < (sizes[i] ?? 1); p++) {
      const start = 2022 + Math.floor(r() * 5);
      const closed = r() < 0.3 ? start + Math.floor(r() * 3) : undefined;
      const goals = Array.from({ length: Math.floor(r() * 4) }, () => {
        const deadlineYear = r() < 0.5 ? start + Math.floor(r() * 2) : undefined;
        const status = GOAL_STATUSES[Math.floor(r() * 3)] as GoalStatus;
        return {
          area: AREAS[Math.floor(r() * 3)] as Area,
          status,
          ...(deadlineYear ? { deadlineYear } : {}),
          reachedByDeadline: deadlineYear ? status === 'reached' && r() < 0.7 : null,
        };
      });
      out.push({
        recordVersion: 1,
        org,
        counsellingStartYear: start,
        ...(closed ? { closedYear: closed } : {}),
        extended: false,
        goals,
        reviewsHeld: r() < 0.5 ? [{ year: start + 1 }] : [],
      });
    }
  }
  return out;
}

/** The named cells of one published table (`plans.new`, `goals.language.open`, `goals.language.total`, ...). */
function cellsOf(figures: Json): Map<string, number | null> {
  const cells = new Map<string, number | null>();
  for (const k of ['new', 'active', 'closed']) cells.set(`plans.${k}`, figures.plans[k].value);
  for (const a of AREAS) {
    for (const s of GOAL_STATUSES) cells.set(`goals.${a}.${s}`, figures.goalsByAreaStatus[a][s].value);
    cells.set(`goals.${a}.total`, figures.goalTotals.byArea[a].value);
  }
  for (const s of GOAL_STATUSES) cells.set(`goals.total.${s}`, figures.goalTotals.byStatus[s].value);
  cells.set('goals.total.total', figures.goalTotals.all.value);
  cells.set('due.due', figures.goalsReachedByDeadline.due.value);
  cells.set('due.reached', figures.goalsReachedByDeadline.reached.value);
  cells.set('reviews.held', figures.reviewsHeld.value);
  return cells;
}

/** The same cells read from the CSV download (`x` is hidden). */
function cellsOfCsv(csv: string): Map<string, number | null> {
  const cells = new Map<string, number | null>();
  const lines = csv
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/)
    .slice(1);
  for (const line of lines) {
    const [figure, area, status, raw] = line.split(';');
    const value = raw === 'x' ? null : Number(raw);
    const name =
      figure === 'goals'
        ? `goals.${area}.${status}`
        : figure === 'goals_total'
          ? `goals.${area || 'total'}.${status || 'total'}`
          : figure === 'plans'
            ? `plans.${status}`
            : figure === 'goals_due'
              ? `due.${status}`
              : 'reviews.held';
    cells.set(name, value);
  }
  return cells;
}

type Row = Map<string, number>;

/** The unknowns the equations determine: Gauss–Jordan elimination over the unknowns, exact on small integers. */
function determined(equations: Row[], known: Map<string, number>): Set<string> {
  const rows: Row[] = [];
  for (const equation of equations) {
    const row: Row = new Map();
    for (const [v, c] of equation) if (!known.has(v)) row.set(v, (row.get(v) ?? 0) + c);
    for (const [v, c] of row) if (Math.abs(c) < 1e-9) row.delete(v);
    if (row.size) rows.push(row);
  }
  const pivots: Array<{ v: string; row: Row }> = [];
  for (let row of rows) {
    for (const p of pivots) {
      const c = row.get(p.v);
      if (!c) continue;
      const next: Row = new Map(row);
      for (const [v, pc] of p.row) next.set(v, (next.get(v) ?? 0) - c * pc);
      for (const [v, x] of next) if (Math.abs(x) < 1e-9) next.delete(v);
      row = next;
    }
    const first = row.keys().next();
    if (first.done) continue;
    const pv = first.value;
    const pc = row.get(pv) ?? 1;
    const normal: Row = new Map([...row].map(([v, x]) => [v, x / pc]));
    for (const p of pivots) {
      const c = p.row.get(pv);
      if (!c) continue;
      for (const [v, x] of normal) p.row.set(v, (p.row.get(v) ?? 0) - c * x);
      for (const [v, x] of p.row) if (Math.abs(x) < 1e-9) p.row.delete(v);
    }
    pivots.push({ v: pv, row: normal });
  }
  return new Set(pivots.filter((p) => p.row.size === 1).map((p) => p.v));
}

async function attack(seed: number) {
  const store = new MemoryFiguresStore();
  for (const [i, rec] of records(seed).entries()) store.put(`p${i}`, rec);
  const directory = new MemoryDirectory();
  await directory.putOrganisation({ id: 'rp-stuttgart', name: 'RP', type: 'state' });
  for (const org of ORGS) await directory.putOrganisation({ id: org, name: org, type: 'municipality' });
  const service = new ReportService(
    store,
    new MemorySubmissionStore(),
    directory,
    () => new Date('2030-01-10T00:00:00Z'),
  );

  const known = new Map<string, number>();
  const hidden = new Set<string>();
  const equations: Row[] = [];
  const learn = (scope: string, year: number, cells: Map<string, number | null>) => {
    for (const [name, value] of cells) {
      const v = `${scope}|${year}|${name}`;
      if (value === null) hidden.add(v);
      else {
        const before = known.get(v);
        if (before !== undefined) expect(before, v).toBe(value);
        known.set(v, value);
      }
    }
  };
  for (const scope of ['all', ...ORGS]) {
    for (const year of YEARS) {
      const params = { year, ...(scope === 'all' ? {} : { org: scope }) };
      learn(scope, year, cellsOf((await service.keyFigures(reviewer, params)).figures as Json));
      learn(scope, year, cellsOfCsv((await service.keyFiguresCsv(reviewer, params)).csv));
    }
  }
  const names = [...cellsOf((await service.keyFigures(reviewer, { year: 2024 })).figures as Json).keys()];
  for (const scope of ['all', ...ORGS]) {
    for (const year of YEARS) {
      const v = (name: string, y = year) => `${scope}|${y}|${name}`;
      // Goal tables: each row and column adds up to its total.
      for (const a of [...AREAS, 'total']) {
        const row: Row = new Map([[v(`goals.${a}.total`), -1]]);
        for (const s of GOAL_STATUSES) row.set(v(`goals.${a}.${s}`), 1);
        equations.push(row);
      }
      for (const s of [...GOAL_STATUSES, 'total']) {
        const column: Row = new Map([[v(`goals.total.${s}`), -1]]);
        for (const a of AREAS) column.set(v(`goals.${a}.${s}`), 1);
        equations.push(column);
      }
      // Active this year = active last year + new this year − closed last year.
      if (year > (YEARS[0] ?? 0)) {
        equations.push(
          new Map([
            [v('plans.active'), 1],
            [v('plans.active', year - 1), -1],
            [v('plans.new'), -1],
            [v('plans.closed', year - 1), 1],
          ]),
        );
      }
    }
  }
  // The state's figures are the organisations' added up.
  for (const year of YEARS) {
    for (const name of names) {
      const sum: Row = new Map([[`all|${year}|${name}`, -1]]);
      for (const org of ORGS) sum.set(`${org}|${year}|${name}`, 1);
      equations.push(sum);
    }
  }
  const leaked = [...determined(equations, known)].filter((v) => hidden.has(v));
  return { leaked, hidden: hidden.size };
}

describe('key figures resist a reviewer who combines every query', () => {
  for (const seed of [1, 7, 42, 2024]) {
    it(`no hidden count can be worked out (data set ${seed})`, async () => {
      const { leaked, hidden } = await attack(seed);
      // The data sets are made to have small groups: something is hidden in each.
      expect(hidden).toBeGreaterThan(0);
      expect(leaked).toEqual([]);
    });
  }
});
