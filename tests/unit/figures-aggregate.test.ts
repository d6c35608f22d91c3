/**
 * The maintained key-figure counters (`core/figures-aggregate`): the change one record makes, and on random
 * data the figures from the counters equal those counted from every record (before and after suppression,
 * for each organisation and for the state), also after a long run of rewrites.
 */
import { describe, expect, it } from 'vitest';
import {
  aggregateOf,
  applyDelta,
  figuresContribution,
  figuresDelta,
  keyFiguresOf,
  planCountsOf,
  publishedFromRecords,
  publishedOf,
} from '../../functions/core/figures-aggregate.ts';
import {
  AREAS,
  aggregateKeyFigures,
  type FiguresRecord,
  GOAL_STATUSES,
  planCountsOfRecords,
  protectPlanCounts,
  protectPlanSeries,
  sumPublished,
} from '../../functions/core/key-figures.ts';

function rand(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

/** A random record, with the odd cases too: closed before it began, deadlines outside the counselling. */
function randomRecord(r: () => number, org: string): FiguresRecord {
  const pick = <T>(list: readonly T[]) => list[Math.floor(r() * list.length)] as T;
  const start = 2015 + Math.floor(r() * 10);
  const closedYear = r() < 0.4 ? start + Math.floor(r() * 5) - (r() < 0.1 ? 3 : 0) : undefined;
  const goals = Array.from({ length: Math.floor(r() * 6) }, () => {
    const deadlineYear = r() < 0.6 ? start - 1 + Math.floor(r() * 5) : undefined;
    const status = pick(GOAL_STATUSES);
    return {
      area: pick(AREAS),
      status,
      ...(deadlineYear !== undefined ? { deadlineYear } : {}),
      reachedByDeadline: deadlineYear === undefined ? null : status === 'reached' && r() < 0.7,
    };
  });
  return {
    recordVersion: 1,
    org,
    counsellingStartYear: start,
    ...(closedYear !== undefined ? { closedYear } : {}),
    extended: r() < 0.1,
    goals,
    reviewsHeld: Array.from({ length: Math.floor(r() * 3) }, () => ({ year: start + Math.floor(r() * 4) })),
  };
}

const plan = (over: Partial<FiguresRecord> = {}): FiguresRecord => ({
  recordVersion: 1,
  org: 'aichwald',
  counsellingStartYear: 2022,
  extended: false,
  goals: [],
  reviewsHeld: [],
  ...over,
});

describe('the change one figures record makes to its organisation’s counters', () => {
  it('counts a closed plan as active from its start to its closing year, with its goals', () => {
    const record = plan({
      closedYear: 2024,
      goals: [{ area: 'work', status: 'reached', deadlineYear: 2023, reachedByDeadline: true }],
      reviewsHeld: [{ year: 2023 }],
    });
    expect(Object.fromEntries(figuresContribution(record))).toEqual({
      n2022: 1,
      c2024: 1,
      v2023: 1,
      a2022: 1,
      a2025: -1,
      g2022b2: 1,
      g2025b2: -1,
      d2023: 1,
      r2023: 1,
    });
  });

  it('counts a plan closed before it began as never active, and a deadline outside the counselling as not due', () => {
    const record = plan({
      counsellingStartYear: 2022,
      closedYear: 2021,
      goals: [{ area: 'language', status: 'open', deadlineYear: 2022, reachedByDeadline: false }],
    });
    expect(Object.fromEntries(figuresContribution(record))).toEqual({ n2022: 1, c2021: 1 });
    const late = plan({
      goals: [{ area: 'language', status: 'open', deadlineYear: 2021, reachedByDeadline: false }],
    });
    expect(figuresContribution(late).has('d2021')).toBe(false);
  });

  it('gives the difference of two records, nothing for the same record, and undoes a write', () => {
    const before = plan({ goals: [{ area: 'work', status: 'open', reachedByDeadline: null }] });
    const after = plan({ goals: [{ area: 'work', status: 'reached', reachedByDeadline: null }] });
    expect(figuresDelta(before, after)).toEqual({ g2022b0: -1, g2022b2: 1 });
    expect(figuresDelta(after, structuredClone(after))).toEqual({});
    const written = applyDelta({}, figuresDelta(undefined, after));
    expect(applyDelta(written, figuresDelta(after, undefined))).toEqual({});
  });
});

describe('figures from the counters equal figures from every record', () => {
  const YEARS = Array.from({ length: 16 }, (_, i) => 2013 + i);

  it('for one organisation, before and after suppression, on random data', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const r = rand(seed);
      const records = Array.from({ length: Math.floor(r() * 40) }, () => randomRecord(r, 'aichwald'));
      const aggregate = aggregateOf(records);
      const fromRecords = planCountsOfRecords(records);
      const fromCounters = planCountsOf(aggregate);
      expect(fromCounters.activeFrom(2010, 2030)).toEqual(fromRecords.activeFrom(2010, 2030));
      expect(protectPlanCounts(fromCounters)).toEqual(protectPlanSeries(records));
      for (const year of YEARS) {
        expect(keyFiguresOf(aggregate, year)).toEqual(aggregateKeyFigures(records, year));
        expect(publishedOf(aggregate, year)).toEqual(publishedFromRecords(records, year));
      }
    }
  });

  it('for the state, summed from the organisations’ published figures', () => {
    const r = rand(7);
    const orgs = ['a', 'b', 'c', 'd', 'e', 'f'];
    const records = Array.from({ length: 150 }, () => randomRecord(r, orgs[Math.floor(r() * orgs.length)]!));
    for (const year of YEARS) {
      const fromRecords = orgs.map((o) =>
        publishedFromRecords(
          records.filter((x) => x.org === o),
          year,
        ),
      );
      const fromCounters = orgs.map((o) =>
        publishedOf(aggregateOf(records.filter((x) => x.org === o)), year),
      );
      expect(sumPublished(year, fromCounters)).toEqual(sumPublished(year, fromRecords));
    }
  });

  it('after a long run of rewrites, removals and new records, applied one change at a time', () => {
    const r = rand(99);
    const current = new Map<string, FiguresRecord>();
    let aggregate: Record<string, number> = {};
    for (let step = 0; step < 2000; step++) {
      const id = `p${Math.floor(r() * 60)}`;
      const before = current.get(id);
      const after = r() < 0.1 ? undefined : randomRecord(r, 'aichwald');
      aggregate = applyDelta(aggregate, figuresDelta(before, after));
      if (after) current.set(id, after);
      else current.delete(id);
    }
    expect(aggregate).toEqual(aggregateOf([...current.values()]));
    for (const year of YEARS)
      expect(publishedOf(aggregate, year)).toEqual(publishedFromRecords([...current.values()], year));
  });
});
