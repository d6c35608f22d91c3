import { describe, expect, it } from 'vitest';
import closed from '../../forms/integration-plan/samples/valid-closed.json' with { type: 'json' };
import full from '../../forms/integration-plan/samples/valid-full.json' with { type: 'json' };
import minimal from '../../forms/integration-plan/samples/valid-minimal.json' with { type: 'json' };
import severalGoals from '../../forms/integration-plan/samples/valid-several-goals.json' with {
  type: 'json',
};
import { AppError } from '../../functions/core/errors.ts';
import {
  AREAS,
  type Area,
  aggregateKeyFigures,
  type FiguresMeta,
  type FiguresRecord,
  figuresRecord,
  GOAL_STATUSES,
  type GoalFigures,
  type GoalStatus,
  goalTotals,
  type KeyFigures,
  type PublishedKeyFigures,
  suppressSmallCells,
} from '../../functions/core/key-figures.ts';

const meta = (overrides: Partial<FiguresMeta> = {}): FiguresMeta => ({
  planId: '01J0PLAN00000000000000000A',
  org: 'notzingen',
  approvedAt: '2019-03-04T10:00:00Z',
  createdAt: '2018-02-27T09:00:00Z',
  ...overrides,
});

/** A plan with one goal; `goal` and `extra` override the defaults. */
const planWithGoal = (goal: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  header: { caseId: 'NZ-2018-0007', counsellingStart: '2018-03-01' },
  consent: { storage: { given: true, date: '2018-03-01' } },
  person: { name: 'M. Exempel' },
  goals: [{ id: 'G1', area: 'work', title: 'Arbeit', status: 'reached', deadline: '2018-12-31', ...goal }],
  ...extra,
});

const onlyGoal = (data: unknown, m: Partial<FiguresMeta> = {}, timeZone?: string): GoalFigures => {
  const goal = figuresRecord(data, meta(m), timeZone).goals[0];
  if (!goal) throw new Error('no goal');
  return goal;
};

const record = (overrides: Partial<FiguresRecord> = {}): FiguresRecord => ({
  recordVersion: 1,
  org: 'notzingen',
  counsellingStartYear: 2018,
  extended: false,
  goals: [],
  reviewsHeld: [],
  ...overrides,
});

const goalFig = (area: Area, status: GoalStatus, more: Partial<GoalFigures> = {}): GoalFigures => ({
  area,
  status,
  reachedByDeadline: null,
  ...more,
});

function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('did not throw');
}

describe('figuresRecord: mapping the plan schema', () => {
  it('reduces the full sample to areas, statuses and years', () => {
    expect(figuresRecord(full, meta({ approvedAt: '2018-05-03T08:00:00Z' }))).toEqual({
      recordVersion: 1,
      org: 'notzingen',
      counsellingStartYear: 2018,
      extended: false,
      goals: [
        { area: 'language', status: 'in_progress', deadlineYear: 2018, reachedByDeadline: false },
        { area: 'recognition', status: 'open', deadlineYear: 2019, reachedByDeadline: false },
      ],
      reviewsHeld: [{ year: 2018 }],
    });
  });

  it('records the closing year and reason, and an extension beyond three years', () => {
    expect(figuresRecord(closed, meta({ approvedAt: '2021-04-01T08:00:00Z' }))).toEqual({
      recordVersion: 1,
      org: 'notzingen',
      counsellingStartYear: 2017,
      closedYear: 2021,
      closingReason: 'goals_reached',
      extended: true,
      goals: [{ area: 'work', status: 'reached', reachedByDeadline: null }],
      reviewsHeld: [],
    });
  });

  it('handles a minimal plan without goals, reviews or closing', () => {
    expect(figuresRecord(minimal, meta())).toEqual({
      recordVersion: 1,
      org: 'notzingen',
      counsellingStartYear: 2018,
      extended: false,
      goals: [],
      reviewsHeld: [],
    });
  });

  it('maps every goal status and the deadline of each goal of the several-goals sample', () => {
    const r = figuresRecord(severalGoals, meta({ approvedAt: '2018-09-04T12:00:00Z' }));
    expect(r.goals).toEqual([
      { area: 'housing', status: 'reached', deadlineYear: 2018, reachedByDeadline: true },
      { area: 'work', status: 'partly_reached', deadlineYear: 2018, reachedByDeadline: false },
      { area: 'school', status: 'deferred', reachedByDeadline: null },
      { area: 'participation', status: 'not_reached', reachedByDeadline: null },
    ]);
  });

  it('carries no personal data, no ids and no free text', () => {
    for (const sample of [full, closed, minimal, severalGoals]) {
      const r = figuresRecord(sample, meta());
      const text = JSON.stringify(r);
      expect(text).not.toContain(meta().planId);
      expect(text).not.toContain(sample.header.caseId);
      expect(text).not.toContain(sample.person.name);
      expect(text).not.toMatch(/01HZX7K2/); // goal, measure, review and consent ids
      expect(text).not.toMatch(/Beispiel|Exempel|Muster|Kirchheim|Jobcenter|Syrien|Arabisch|Elektriker/);
      expect(Object.keys(r).sort()).toEqual(
        [
          'closedYear',
          'closingReason',
          'counsellingStartYear',
          'extended',
          'goals',
          'org',
          'recordVersion',
          'reviewsHeld',
        ]
          .filter((k) => k in r)
          .sort(),
      );
      for (const g of r.goals) {
        expect(
          Object.keys(g).every((k) => ['area', 'status', 'deadlineYear', 'reachedByDeadline'].includes(k)),
        ).toBe(true);
      }
    }
  });

  it('takes a missing goal status as open (the schema default)', () => {
    expect(onlyGoal(planWithGoal({ status: undefined, deadline: undefined }))).toEqual(
      goalFig('work', 'open'),
    );
  });

  it('sorts the reviews held by year', () => {
    const data = planWithGoal(
      {},
      {
        reviews: [
          { date: '2020-02-01', summary: 'x' },
          { date: '2018-09-01', summary: 'y' },
          { date: '2019-03-01', summary: 'z' },
        ],
      },
    );
    expect(figuresRecord(data, meta()).reviewsHeld).toEqual([{ year: 2018 }, { year: 2019 }, { year: 2020 }]);
  });

  it('does not count an empty or blank extension reason as an extension', () => {
    const base = { caseId: 'NZ-1', counsellingStart: '2018-01-01' };
    expect(figuresRecord({ header: { ...base, extensionReason: '  ' } }, meta()).extended).toBe(false);
    expect(figuresRecord({ header: { ...base, extensionReason: 'Verfahren läuft' } }, meta()).extended).toBe(
      true,
    );
  });

  it('counts a plan with a closing date but no reason as closed, without a reason', () => {
    const r = figuresRecord(planWithGoal({}, { closing: { date: '2019-06-30' } }), meta());
    expect(r.closedYear).toBe(2019);
    expect(r).not.toHaveProperty('closingReason');
  });
});

describe('figuresRecord: years in Europe/Berlin', () => {
  const noStart = { header: { caseId: 'NZ-1' } };

  it('falls back to the creation date, counted in Berlin time, for a missing counselling start', () => {
    expect(figuresRecord(noStart, meta({ createdAt: '2025-12-31T23:30:00Z' })).counsellingStartYear).toBe(
      2026,
    );
    expect(figuresRecord(noStart, meta({ createdAt: '2025-12-31T22:30:00Z' })).counsellingStartYear).toBe(
      2025,
    );
    expect(
      figuresRecord(noStart, meta({ createdAt: '2025-12-31T23:30:00+01:00' })).counsellingStartYear,
    ).toBe(2025);
  });

  it('uses the time zone passed in', () => {
    expect(
      figuresRecord(noStart, meta({ createdAt: '2025-12-31T23:30:00Z' }), 'UTC').counsellingStartYear,
    ).toBe(2025);
    expect(
      figuresRecord(noStart, meta({ createdAt: '2026-01-01T03:00:00Z' }), 'America/New_York')
        .counsellingStartYear,
    ).toBe(2025);
  });

  it('takes plain dates as the calendar dates they are, in any time zone', () => {
    const data = planWithGoal({}, { header: { caseId: 'NZ-1', counsellingStart: '2018-01-01' } });
    expect(figuresRecord(data, meta(), 'Pacific/Honolulu').counsellingStartYear).toBe(2018);
    expect(figuresRecord(data, meta(), 'Pacific/Kiritimati').counsellingStartYear).toBe(2018);
  });
});

describe('figuresRecord: reached by the deadline', () => {
  const reached = planWithGoal({ status: 'reached', deadline: '2025-12-31' });

  it('is true for a goal reached when the revision was approved on or before the deadline (Berlin date)', () => {
    expect(onlyGoal(reached, { approvedAt: '2025-12-30T10:00:00Z' }).reachedByDeadline).toBe(true);
    // 23:30 in Berlin, still 31 December.
    expect(onlyGoal(reached, { approvedAt: '2025-12-31T22:30:00Z' }).reachedByDeadline).toBe(true);
  });

  it('is false when the approval falls after the deadline in Berlin, even if it is the same day in UTC', () => {
    // 00:30 on 1 January 2026 in Berlin.
    expect(onlyGoal(reached, { approvedAt: '2025-12-31T23:30:00Z' }).reachedByDeadline).toBe(false);
    expect(onlyGoal(reached, { approvedAt: '2025-12-31T23:30:00Z' }, 'UTC').reachedByDeadline).toBe(true);
  });

  it('respects summer time', () => {
    const june = planWithGoal({ deadline: '2025-06-30' });
    // 22:30 UTC is 00:30 on 1 July in Berlin (CEST, UTC+2), but 23:30 on 30 June in London (BST, UTC+1).
    expect(onlyGoal(june, { approvedAt: '2025-06-30T22:30:00Z' }).reachedByDeadline).toBe(false);
    expect(onlyGoal(june, { approvedAt: '2025-06-30T22:30:00Z' }, 'Europe/London').reachedByDeadline).toBe(
      true,
    );
    expect(onlyGoal(june, { approvedAt: '2025-06-30T21:30:00Z' }).reachedByDeadline).toBe(true);
  });

  it('is false for any goal with a deadline that is not reached, and null without a deadline', () => {
    for (const status of GOAL_STATUSES.filter((s) => s !== 'reached')) {
      expect(
        onlyGoal(planWithGoal({ status }), { approvedAt: '2018-01-01T10:00:00Z' }).reachedByDeadline,
      ).toBe(false);
    }
    for (const status of GOAL_STATUSES) {
      expect(onlyGoal(planWithGoal({ status, deadline: undefined })).reachedByDeadline).toBeNull();
    }
  });

  it('uses a known date of reaching for the goal id over the approval date', () => {
    const late = { approvedAt: '2026-03-01T10:00:00Z' };
    expect(onlyGoal(reached, late).reachedByDeadline).toBe(false);
    expect(
      onlyGoal(reached, { ...late, goalReachedAt: { G1: '2025-11-20T09:00:00Z' } }).reachedByDeadline,
    ).toBe(true);
    expect(onlyGoal(reached, { ...late, goalReachedAt: { G1: '2025-12-31' } }).reachedByDeadline).toBe(true);
    expect(onlyGoal(reached, { ...late, goalReachedAt: { OTHER: '2025-11-20' } }).reachedByDeadline).toBe(
      false,
    );
  });
});

describe('figuresRecord: data the schema rejects', () => {
  const cases: Array<[string, unknown, Partial<FiguresMeta>, string]> = [
    ['an unknown area', planWithGoal({ area: 'sport' }), {}, '/goals/0/area'],
    ['an unknown status', planWithGoal({ status: 'done' }), {}, '/goals/0/status'],
    ['a malformed deadline', planWithGoal({ deadline: '31.12.2018' }), {}, '/goals/0/deadline'],
    ['an impossible date', planWithGoal({ deadline: '2018-02-30' }), {}, '/goals/0/deadline'],
    ['a goal that is no object', planWithGoal({}, { goals: ['x'] }), {}, '/goals/0'],
    ['goals that are no array', planWithGoal({}, { goals: {} }), {}, '/goals'],
    ['a review without a date', planWithGoal({}, { reviews: [{ summary: 'x' }] }), {}, '/reviews/0/date'],
    [
      'a closing reason without a date',
      planWithGoal({}, { closing: { reason: 'moved_away' } }),
      {},
      '/closing/date',
    ],
    [
      'an unknown closing reason',
      planWithGoal({}, { closing: { reason: 'x', date: '2019-01-01' } }),
      {},
      '/closing/reason',
    ],
    [
      'a malformed counselling start',
      { header: { counsellingStart: 'soon' } },
      {},
      '/header/counsellingStart',
    ],
    ['no start and no creation date', { header: {} }, { createdAt: '' }, '/header/counsellingStart'],
    ['a malformed approval date', planWithGoal({}), { approvedAt: 'yesterday' }, '#approvedAt'],
    ['data that is no object', [], {}, ''],
  ];
  for (const [what, data, m, pointer] of cases) {
    it(`throws figures.plan_invalid for ${what}, pointing at ${pointer || 'the root'}`, () => {
      const error = thrown(() => figuresRecord(data, meta(m)));
      expect(error.code).toBe('figures.plan_invalid');
      expect(error.status).toBe(422);
      expect(error.details?.[0]?.pointer).toBe(pointer);
      expect(error.message).toContain(meta().planId);
    });
  }
});

describe('aggregateKeyFigures', () => {
  it('returns a full table of zeros for no records', () => {
    const f = aggregateKeyFigures([], 2019);
    expect(f.plans).toEqual({ new: 0, active: 0, closed: 0 });
    expect(Object.keys(f.goalsByAreaStatus)).toEqual([...AREAS]);
    for (const area of AREAS) expect(Object.keys(f.goalsByAreaStatus[area])).toEqual([...GOAL_STATUSES]);
    expect(
      Object.values(f.goalsByAreaStatus)
        .flatMap(Object.values)
        .every((n) => n === 0),
    ).toBe(true);
    expect(f.goalsReachedByDeadline).toEqual({ due: 0, reached: 0 });
    expect(f.reviewsHeld).toBe(0);
  });

  it('counts plans new, active and closed at the year boundaries', () => {
    const records = [
      record({ counsellingStartYear: 2019 }), // new, active
      record({ counsellingStartYear: 2017 }), // active
      record({ counsellingStartYear: 2017, closedYear: 2019 }), // active, closed
      record({ counsellingStartYear: 2019, closedYear: 2019 }), // new, active, closed
      record({ counsellingStartYear: 2017, closedYear: 2018 }), // closed before the year
      record({ counsellingStartYear: 2020 }), // starts after the year
    ];
    expect(aggregateKeyFigures(records, 2019).plans).toEqual({ new: 2, active: 4, closed: 2 });
  });

  it('counts the goals of active plans only, by area and status', () => {
    const records = [
      record({
        goals: [goalFig('language', 'open'), goalFig('language', 'open'), goalFig('work', 'reached')],
      }),
      record({ counsellingStartYear: 2019, goals: [goalFig('language', 'open')] }),
      record({ closedYear: 2018, goals: [goalFig('housing', 'reached')] }),
      record({ counsellingStartYear: 2020, goals: [goalFig('health', 'open')] }),
    ];
    const t = aggregateKeyFigures(records, 2019).goalsByAreaStatus;
    expect(t.language.open).toBe(3);
    expect(t.work.reached).toBe(1);
    expect(t.housing.reached).toBe(0);
    expect(t.health.open).toBe(0);
  });

  it('counts goals due in the year and those reached by their deadline', () => {
    const records = [
      record({
        goals: [
          goalFig('work', 'reached', { deadlineYear: 2019, reachedByDeadline: true }),
          goalFig('work', 'reached', { deadlineYear: 2019, reachedByDeadline: false }),
          goalFig('language', 'open', { deadlineYear: 2019, reachedByDeadline: false }),
          goalFig('language', 'reached', { deadlineYear: 2018, reachedByDeadline: true }),
          goalFig('language', 'reached'),
        ],
      }),
      // Closed before 2019: its goal due in 2019 was no longer pursued.
      record({
        closedYear: 2018,
        goals: [goalFig('work', 'reached', { deadlineYear: 2019, reachedByDeadline: true })],
      }),
    ];
    expect(aggregateKeyFigures(records, 2019).goalsReachedByDeadline).toEqual({ due: 3, reached: 1 });
  });

  it('counts the reviews held in the year', () => {
    const records = [
      record({ reviewsHeld: [{ year: 2018 }, { year: 2019 }, { year: 2019 }] }),
      record({ reviewsHeld: [{ year: 2019 }] }),
    ];
    expect(aggregateKeyFigures(records, 2019).reviewsHeld).toBe(3);
    expect(aggregateKeyFigures(records, 2018).reviewsHeld).toBe(1);
  });

  it('works on records built from the sample plans', () => {
    const records = [
      figuresRecord(full, meta({ approvedAt: '2018-05-03T08:00:00Z' })),
      figuresRecord(closed, meta({ approvedAt: '2021-04-01T08:00:00Z' })),
      figuresRecord(severalGoals, meta({ approvedAt: '2018-09-04T12:00:00Z' })),
      figuresRecord(minimal, meta()),
    ];
    const f = aggregateKeyFigures(records, 2018);
    expect(f.plans).toEqual({ new: 3, active: 4, closed: 0 });
    expect(f.goalsByAreaStatus.work).toEqual({
      open: 0,
      in_progress: 0,
      reached: 1,
      partly_reached: 1,
      not_reached: 0,
      deferred: 0,
    });
    expect(f.goalsReachedByDeadline).toEqual({ due: 3, reached: 1 });
    expect(f.reviewsHeld).toBe(2);
    expect(aggregateKeyFigures(records, 2021).plans).toEqual({ new: 0, active: 4, closed: 1 });
    expect(aggregateKeyFigures(records, 2022).plans).toEqual({ new: 0, active: 3, closed: 0 });
  });

  it('rejects a year that is not a whole number', () => {
    expect(() => aggregateKeyFigures([], 2019.5)).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Suppression

/** Key figures with the given table cells (all others 0). */
function figuresWith(
  cells: Partial<Record<Area, Partial<Record<GoalStatus, number>>>>,
  more: Partial<KeyFigures> = {},
) {
  const f = aggregateKeyFigures([], 2019);
  for (const [area, row] of Object.entries(cells)) Object.assign(f.goalsByAreaStatus[area as Area], row);
  return { ...f, plans: { new: 10, active: 50, closed: 7 }, reviewsHeld: 30, ...more };
}

const hiddenCells = (p: PublishedKeyFigures) =>
  AREAS.flatMap((area) =>
    GOAL_STATUSES.filter((s) => p.goalsByAreaStatus[area][s].suppressed).map((s) => `${area}.${s}`),
  );

/**
 * The goal table extended by its totals, as (areas + 1) × (statuses + 1) entries: row `AREAS.length` holds
 * the column totals, column `GOAL_STATUSES.length` the row totals, the corner the grand total. Names:
 * `language.open`, `language.total`, `total.open`, `total.all`.
 */
function extendedTable(p: PublishedKeyFigures, f?: KeyFigures) {
  const truth = f && goalTotals(f.goalsByAreaStatus);
  const rows = [...AREAS, 'total'] as const;
  const columns = [...GOAL_STATUSES, 'total'] as const;
  return rows.flatMap((area, row) =>
    columns.map((status, column) => {
      const inner = area !== 'total' && status !== 'total';
      const cell =
        area === 'total'
          ? status === 'total'
            ? p.goalTotals.all
            : p.goalTotals.byStatus[status]
          : status === 'total'
            ? p.goalTotals.byArea[area]
            : p.goalsByAreaStatus[area][status];
      const value =
        f === undefined || truth === undefined
          ? undefined
          : area === 'total'
            ? status === 'total'
              ? truth.all
              : truth.byStatus[status]
            : status === 'total'
              ? truth.byArea[area]
              : f.goalsByAreaStatus[area][status];
      const name = area === 'total' && status === 'total' ? 'total.all' : `${area}.${status}`;
      return { name, row, column, inner, cell, value };
    }),
  );
}

const hiddenTotals = (p: PublishedKeyFigures) =>
  extendedTable(p)
    .filter((e) => !e.inner && e.cell.suppressed)
    .map((e) => e.name);

/**
 * An attacker's view: every hidden cell and every hidden total is an unknown; every row and every column of
 * the table extended by its totals is a linear equation (its total minus the sum of its cells is 0), with
 * the published values on the known side. A hidden value can be computed exactly iff its unit vector lies in
 * the row space of the equations (rank test).
 */
function derivableCells(p: PublishedKeyFigures): string[] {
  const entries = extendedTable(p);
  const unknowns = entries.filter((e) => e.cell.suppressed);
  const lastRow = AREAS.length;
  const lastColumn = GOAL_STATUSES.length;
  const equations: number[][] = [
    ...Array.from({ length: lastRow + 1 }, (_, r) =>
      unknowns.map((u) => (u.row !== r ? 0 : u.column === lastColumn ? -1 : 1)),
    ),
    ...Array.from({ length: lastColumn + 1 }, (_, c) =>
      unknowns.map((u) => (u.column !== c ? 0 : u.row === lastRow ? -1 : 1)),
    ),
  ];
  const base = rank(equations);
  return unknowns
    .filter((_, i) => rank([...equations, unknowns.map((_u, j) => (j === i ? 1 : 0))]) === base)
    .map((u) => u.name);
}

function rank(matrix: number[][]): number {
  const m = matrix.map((row) => [...row]);
  let r = 0;
  const cols = m[0]?.length ?? 0;
  for (let c = 0; c < cols && r < m.length; c++) {
    const pivot = m.findIndex((row, i) => i >= r && Math.abs(row[c] ?? 0) > 1e-9);
    if (pivot < 0) continue;
    [m[r], m[pivot]] = [m[pivot] as number[], m[r] as number[]];
    const p = m[r] as number[];
    for (let i = 0; i < m.length; i++) {
      const row = m[i] as number[];
      if (i === r || Math.abs(row[c] ?? 0) < 1e-9) continue;
      const f = (row[c] ?? 0) / (p[c] ?? 1);
      for (let k = c; k < cols; k++) row[k] = (row[k] ?? 0) - f * (p[k] ?? 0);
    }
    r++;
  }
  return r;
}

/** A small deterministic pseudo-random generator (mulberry32), so the table tests are repeatable. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every small count (cell or total) hidden, every published one true, nothing hidden derivable. */
function expectProtected(f: KeyFigures, p: PublishedKeyFigures) {
  for (const e of extendedTable(p, f)) {
    const n = e.value ?? -1;
    if (n > 0 && n < p.threshold) expect(e.cell, e.name).toEqual({ value: null, suppressed: true });
    if (e.cell.suppressed) expect(e.cell.value, e.name).toBeNull();
    else expect(e.cell.value, e.name).toBe(n);
  }
  expect(derivableCells(p)).toEqual([]);
}

const published = (value: number) => ({ value, suppressed: false });
const suppressed = { value: null, suppressed: true };

describe('suppressSmallCells', () => {
  it('publishes a table without small counts unchanged, zeros and totals included', () => {
    const p = suppressSmallCells(figuresWith({ language: { open: 12, reached: 7 }, work: { open: 5 } }));
    expect(hiddenCells(p)).toEqual([]);
    expect(hiddenTotals(p)).toEqual([]);
    expect(p.goalsByAreaStatus.language.open).toEqual(published(12));
    expect(p.goalsByAreaStatus.health.deferred).toEqual(published(0));
    expect(p.goalTotals.byArea.language).toEqual(published(19));
    expect(p.goalTotals.byArea.health).toEqual(published(0));
    expect(p.goalTotals.byStatus.open).toEqual(published(17));
    expect(p.goalTotals.all).toEqual(published(24));
    expect(p.threshold).toBe(5);
    expect(p.year).toBe(2019);
  });

  it('prevents a single hidden cell from being derived from its row total', () => {
    // language: open 3 would be the only hidden cell of its row; the total 33 would give it away.
    // Its column "open" also needs a second hidden cell.
    const f = figuresWith({
      language: { open: 3, in_progress: 10, reached: 20 },
      work: { open: 8, in_progress: 6, reached: 9 },
      housing: { open: 15, reached: 7 },
    });
    const p = suppressSmallCells(f);
    expect(p.goalsByAreaStatus.language.open).toEqual(suppressed);
    expect(p.goalTotals.byArea.language).toEqual(published(33));
    // The smallest non-zero cell of the row and of the column are hidden too, and then a fourth one closes
    // the square, so every row and column with a hidden cell has at least two. No total is small.
    expect(hiddenCells(p)).toEqual([
      'language.open',
      'language.in_progress',
      'work.open',
      'work.in_progress',
    ]);
    expect(hiddenTotals(p)).toEqual([]);
    expectProtected(f, p);
  });

  it('hides a row total of 1 with its only cell, and keeps it from the grand total and other row totals', () => {
    // Exactly one goal of the area "work": its cell and its row total are 1.
    const f = figuresWith({
      language: { open: 12, in_progress: 7, reached: 9 },
      work: { reached: 1 },
      housing: { open: 6, reached: 8 },
    });
    const p = suppressSmallCells(f);
    expect(p.goalsByAreaStatus.work.reached).toEqual(suppressed);
    expect(p.goalTotals.byArea.work).toEqual(suppressed);
    // The grand total minus the other row totals would give it: so another row total is hidden as well (the
    // smallest, housing), and a cell of each line with a hidden value, so no line has a single one.
    expect(hiddenTotals(p)).toEqual(['work.total', 'housing.total']);
    expect(hiddenCells(p)).toEqual(['work.reached', 'housing.reached']);
    expect(p.goalTotals.all).toEqual(published(43));
    expect(p.goalTotals.byStatus.reached).toEqual(published(18));
    const others = AREAS.filter((a) => a !== 'work').map((a) => p.goalTotals.byArea[a]);
    expect(others.some((c) => c.suppressed)).toBe(true);
    expectProtected(f, p);
  });

  it('hides the totals too when the whole table is small', () => {
    const f = figuresWith({ work: { reached: 1 }, language: { open: 2 } });
    const p = suppressSmallCells(f);
    expect(p.goalTotals.all).toEqual(suppressed);
    expect(hiddenCells(p)).toEqual(['language.open', 'work.reached']);
    expect(hiddenTotals(p)).toEqual([
      'language.total',
      'work.total',
      'total.open',
      'total.reached',
      'total.all',
    ]);
    expectProtected(f, p);
  });

  it('protects a small row total through another row total rather than a zero cell', () => {
    const f = figuresWith({ health: { open: 2 }, work: { open: 30, in_progress: 12 } });
    const p = suppressSmallCells(f);
    expect(p.goalTotals.byArea.health).toEqual(suppressed);
    // health: its cell and its total are hidden, two in the row. The column "open" and the column of row
    // totals each take the smallest non-zero published value: work.open and the row total of work.
    expect(hiddenCells(p)).toEqual(['work.open', 'health.open']);
    expect(hiddenTotals(p)).toEqual(['work.total', 'health.total']);
    expect(p.goalTotals.all).toEqual(published(44));
    expectProtected(f, p);
  });

  it('picks the smallest non-zero cell as the complement, the first in schema order on a tie', () => {
    const f = figuresWith({
      language: { open: 2, in_progress: 40, reached: 9, partly_reached: 9, not_reached: 30 },
      work: { open: 2, in_progress: 40, reached: 50, partly_reached: 50, not_reached: 30 },
    });
    const p = suppressSmallCells(f);
    // The column "open" has two small cells and a small total (4). Each row needs one complement:
    // language → reached (9, before partly_reached 9), work → not_reached (30). Then the columns reached /
    // not_reached and the row of column totals need theirs.
    expect(p.goalTotals.byStatus.open).toEqual(suppressed);
    expect(p.goalsByAreaStatus.language.reached.suppressed).toBe(true);
    expect(p.goalsByAreaStatus.language.partly_reached.suppressed).toBe(false);
    expectProtected(f, p);
  });

  it('closes a bridge between two groups of hidden cells that the totals would otherwise reveal', () => {
    // Two squares of small cells (language/work × open/in_progress, housing/school × partly/not reached),
    // joined by one small cell, language × partly_reached. Every row and column with a hidden cell has two or
    // more, yet rows language + work minus columns open + in_progress give that cell exactly.
    const f = figuresWith({
      language: { open: 2, in_progress: 3, partly_reached: 4, not_reached: 40 },
      work: { open: 3, in_progress: 2, partly_reached: 30 },
      housing: { open: 50, partly_reached: 2, not_reached: 3 },
      school: { in_progress: 60, partly_reached: 3, not_reached: 2 },
    });
    const p = suppressSmallCells(f);
    // The smallest cell joining the two sides closes a cycle through the bridge.
    expect(hiddenCells(p)).toEqual([
      'language.open',
      'language.in_progress',
      'language.partly_reached',
      'work.open',
      'work.in_progress',
      'work.partly_reached',
      'housing.partly_reached',
      'housing.not_reached',
      'school.partly_reached',
      'school.not_reached',
    ]);
    expect(hiddenTotals(p)).toEqual([]);
    expectProtected(f, p);
  });

  it('hides a zero to close a bridge when every cell that could close it is zero', () => {
    // As before, but the cells between the two squares are all zero (the large counts are "deferred").
    const f = figuresWith({
      language: { open: 2, in_progress: 3, partly_reached: 4, deferred: 40 },
      work: { open: 3, in_progress: 2, deferred: 30 },
      housing: { partly_reached: 2, not_reached: 3, deferred: 50 },
      school: { partly_reached: 3, not_reached: 2, deferred: 60 },
    });
    const p = suppressSmallCells(f);
    expect(p.goalsByAreaStatus.language.not_reached).toEqual(suppressed);
    expect(hiddenTotals(p)).toEqual([]);
    expectProtected(f, p);
  });

  it('leaves no hidden value, cell or total, derivable and every small one hidden, in many random tables', () => {
    const next = random(20250131);
    let smallRowTotals = 0;
    let smallColumnTotals = 0;
    let smallGrandTotals = 0;
    for (let run = 0; run < 400; run++) {
      const cells: Partial<Record<Area, Partial<Record<GoalStatus, number>>>> = {};
      // Every second table is sparse: a few goals, mostly small counts, so row, column and even grand
      // totals are small too.
      const sparse = run % 2 === 1;
      const zeros = sparse ? 0.8 + 0.2 * next() : next();
      for (const area of AREAS) {
        const row: Partial<Record<GoalStatus, number>> = {};
        for (const status of GOAL_STATUSES) {
          const x = next();
          row[status] =
            x < zeros
              ? 0
              : sparse || x < zeros + (1 - zeros) / 3
                ? 1 + Math.floor(next() * (sparse ? 6 : 4))
                : Math.floor(next() * 60);
        }
        cells[area] = row;
      }
      const f = figuresWith(cells);
      const truth = goalTotals(f.goalsByAreaStatus);
      const isSmall = (n: number) => n > 0 && n < 5;
      if (Object.values(truth.byArea).some(isSmall)) smallRowTotals++;
      if (Object.values(truth.byStatus).some(isSmall)) smallColumnTotals++;
      if (isSmall(truth.all)) smallGrandTotals++;
      expectProtected(f, suppressSmallCells(f));
    }
    // The sparse tables do give small totals of every kind.
    expect(smallRowTotals).toBeGreaterThan(100);
    expect(smallColumnTotals).toBeGreaterThan(50);
    expect(smallGrandTotals).toBeGreaterThan(0);
  });

  it('finds a total that the other totals give away (the attacker test works)', () => {
    // Hide a row's cell and its total only: the grand total minus the other row totals gives both.
    const p = suppressSmallCells(figuresWith({ language: { open: 12 }, work: { open: 20 } }));
    const tampered: PublishedKeyFigures = {
      ...p,
      goalsByAreaStatus: { ...p.goalsByAreaStatus, work: { ...p.goalsByAreaStatus.work, open: suppressed } },
      goalTotals: { ...p.goalTotals, byArea: { ...p.goalTotals.byArea, work: suppressed } },
    };
    expect(derivableCells(tampered)).toEqual(['work.open', 'work.total']);
  });

  it('is deterministic and does not change its input', () => {
    const f = figuresWith({ language: { open: 3, in_progress: 10 }, work: { open: 8, reached: 1 } });
    const snapshot = JSON.stringify(f);
    expect(suppressSmallCells(f)).toEqual(suppressSmallCells(f));
    expect(JSON.stringify(f)).toBe(snapshot);
  });

  it('hides small plan counts and reviews on their own, not zeros or larger counts', () => {
    const p = suppressSmallCells(
      figuresWith({}, { plans: { new: 4, active: 5, closed: 0 }, reviewsHeld: 1 }),
    );
    expect(p.plans).toEqual({ new: suppressed, active: published(5), closed: published(0) });
    expect(p.reviewsHeld).toEqual(suppressed);
  });

  it('hides goals reached by deadline when they or the goals due but not reached are few', () => {
    const reachedOf = (due: number, reached: number) =>
      suppressSmallCells(figuresWith({}, { goalsReachedByDeadline: { due, reached } }))
        .goalsReachedByDeadline;
    expect(reachedOf(20, 12)).toEqual({ due: published(20), reached: published(12) });
    expect(reachedOf(20, 3).reached.suppressed).toBe(true);
    // 17 of 20 reached would tell that 3 were not.
    expect(reachedOf(20, 17)).toEqual({ due: published(20), reached: suppressed });
    expect(reachedOf(20, 20).reached).toEqual(published(20));
    // Few goals due: due is hidden, and so is "none of them reached" (3 due, not reached, is small too).
    expect(reachedOf(3, 0)).toEqual({ due: suppressed, reached: suppressed });
    expect(reachedOf(0, 0).reached).toEqual(published(0));
  });

  it('uses the threshold passed in', () => {
    const f = figuresWith({ language: { open: 7, in_progress: 20 }, work: { open: 20, in_progress: 30 } });
    expect(hiddenCells(suppressSmallCells(f))).toEqual([]);
    expect(hiddenCells(suppressSmallCells(f, 10))).toEqual([
      'language.open',
      'language.in_progress',
      'work.open',
      'work.in_progress',
    ]);
    expect(hiddenTotals(suppressSmallCells(f, 10))).toEqual([]);
    // With 28, the row total of language (27) is small as well.
    expect(hiddenTotals(suppressSmallCells(f, 28))).toContain('language.total');
    expectProtected(f, suppressSmallCells(f, 28));
    expect(hiddenCells(suppressSmallCells(f, 1))).toEqual([]);
    expect(() => suppressSmallCells(f, 0)).toThrow(RangeError);
    expect(() => suppressSmallCells(f, 2.5)).toThrow(RangeError);
  });

  it('publishes the totals it does not hide with their true values', () => {
    const f = figuresWith({ language: { open: 3, in_progress: 10 }, family: { deferred: 2, open: 6 } });
    const p = suppressSmallCells(f);
    const truth = goalTotals(f.goalsByAreaStatus);
    expect(truth).toMatchObject({ all: 21, byArea: { language: 13, family: 8 }, byStatus: { deferred: 2 } });
    // The column total of "deferred" is 2, so it is hidden.
    expect(p.goalTotals.byStatus.deferred).toEqual(suppressed);
    expectProtected(f, p);
  });
});
