import { describe, expect, it } from 'vitest';
import full from '../../forms/integration-plan/samples/valid-full.json' with { type: 'json' };
import severalGoals from '../../forms/integration-plan/samples/valid-several-goals.json' with {
  type: 'json',
};
import { type Change, diffData, summarizeDiff } from '../../functions/core/diff.ts';
import { readPointer } from '../../functions/core/json-pointer.ts';

type Goal = { id?: string; area: string; title: string; status: string; [key: string]: unknown };

const goal = (id: string | undefined, overrides: Partial<Goal> = {}): Goal => ({
  ...(id === undefined ? {} : { id }),
  area: 'language',
  title: `Ziel ${id ?? 'ohne Kennung'}`,
  status: 'open',
  ...overrides,
});

const plan = (goals: Goal[], extra: Record<string, unknown> = {}) => ({
  header: { caseId: 'KT-2018-0001', counsellingStart: '2018-01-15' },
  goals,
  ...extra,
});

/** A deep copy, so a test can change one revision without touching the other. */
const copy = <T>(value: T): T => structuredClone(value);

describe('diffData: scalars and objects', () => {
  it('finds no change between equal data, however its keys are ordered', () => {
    expect(diffData(full, copy(full))).toEqual([]);
    expect(diffData({ a: 1, b: { c: 2, d: 3 } }, { b: { d: 3, c: 2 }, a: 1 })).toEqual([]);
  });

  it('reports a changed field with its pointer and both values', () => {
    const after = copy(full);
    after.header.nextReviewDate = '2018-09-01';
    expect(diffData(full, after)).toEqual([
      { pointer: '/header/nextReviewDate', op: 'changed', before: '2018-08-01', after: '2018-09-01' },
    ]);
  });

  it('reports an added or removed key once, with the whole value', () => {
    const closing = { reason: 'moved_away', date: '2019-04-30' };
    expect(diffData({ header: {} }, { header: {}, closing })).toEqual([
      { pointer: '/closing', op: 'added', after: closing },
    ]);
    expect(diffData({ header: {}, closing }, { header: {} })).toEqual([
      { pointer: '/closing', op: 'removed', before: closing },
    ]);
  });

  it('treats a property set to undefined as absent, and null as a value', () => {
    expect(diffData({ a: 1, b: undefined }, { a: 1 })).toEqual([]);
    expect(diffData({ a: null }, { a: 1 })).toEqual([
      { pointer: '/a', op: 'changed', before: null, after: 1 },
    ]);
    expect(diffData({ a: null }, {})).toEqual([{ pointer: '/a', op: 'removed', before: null }]);
  });

  it('reports a value that changes its kind as one change with both whole values', () => {
    expect(diffData({ a: { x: 1 } }, { a: [1] })).toEqual([
      { pointer: '/a', op: 'changed', before: { x: 1 }, after: [1] },
    ]);
    expect(diffData({ a: 'text' }, { a: { x: 1 } })).toEqual([
      { pointer: '/a', op: 'changed', before: 'text', after: { x: 1 } },
    ]);
    expect(diffData({ a: 1 }, { a: '1' })).toEqual([{ pointer: '/a', op: 'changed', before: 1, after: '1' }]);
    expect(diffData({ a: false }, { a: 0 })).toEqual([
      { pointer: '/a', op: 'changed', before: false, after: 0 },
    ]);
  });

  it('escapes "~" and "/" in keys per RFC 6901', () => {
    const changes = diffData({ 'a/b': 1, 'c~d': 1 }, { 'a/b': 2, 'c~d': 2 });
    expect(changes.map((c) => c.pointer)).toEqual(['/a~1b', '/c~0d']);
    for (const c of changes) expect(readPointer({ 'a/b': 2, 'c~d': 2 }, c.pointer)).toBe(c.after);
  });

  it('compares scalar roots, and lists each section as added for a first revision (undefined before)', () => {
    expect(diffData(1, 2)).toEqual([{ pointer: '', op: 'changed', before: 1, after: 2 }]);
    expect(diffData(1, 1)).toEqual([]);
    expect(diffData(undefined, { b: 2, a: 1 })).toEqual([
      { pointer: '/a', op: 'added', after: 1 },
      { pointer: '/b', op: 'added', after: 2 },
    ]);
    expect(diffData({ a: 1 }, undefined)).toEqual([{ pointer: '/a', op: 'removed', before: 1 }]);
    expect(diffData(null, { a: 1 })).toEqual([{ pointer: '', op: 'changed', before: null, after: { a: 1 } }]);
    expect(diffData(undefined, undefined)).toEqual([]);
  });

  it('lists changes depth first with keys in code-unit order, whatever the key order of the input', () => {
    const before = { z: 1, a: { y: 1, b: 1 }, m: 1 };
    const after = { m: 2, a: { b: 2, y: 2 }, z: 2 };
    const pointers = ['/a/b', '/a/y', '/m', '/z'];
    expect(diffData(before, after).map((c) => c.pointer)).toEqual(pointers);
    expect(diffData({ m: 1, z: 1, a: { b: 1, y: 1 } }, after).map((c) => c.pointer)).toEqual(pointers);
  });
});

describe('diffData: arrays without ids', () => {
  it('compares by index, appending and truncating at the end', () => {
    expect(diffData({ l: ['ar', 'ku'] }, { l: ['ar', 'fa', 'ku'] })).toEqual([
      { pointer: '/l/1', op: 'changed', before: 'ku', after: 'fa' },
      { pointer: '/l/2', op: 'added', after: 'ku' },
    ]);
    expect(diffData({ l: ['ar', 'ku', 'fa'] }, { l: ['ar'] })).toEqual([
      { pointer: '/l/1', op: 'removed', before: 'ku' },
      { pointer: '/l/2', op: 'removed', before: 'fa' },
    ]);
  });

  it('compares objects without ids field by field at the same index', () => {
    const before = { needs: [{ area: 'language' }, { area: 'work', description: 'a' }] };
    const after = { needs: [{ area: 'language' }, { area: 'work', description: 'b' }] };
    expect(diffData(before, after)).toEqual([
      { pointer: '/needs/1/description', op: 'changed', before: 'a', after: 'b' },
    ]);
  });

  it('compares a holey array as JSON would write it', () => {
    // biome-ignore lint/suspicious/noSparseArray: a sparse array is the case under test
    expect(diffData({ l: [1, , 3] }, { l: [1, null, 3] })).toEqual([]);
  });
});

describe('diffData: arrays of items with ids', () => {
  const g1 = goal('G1');
  const g2 = goal('G2', { area: 'work' });
  const g3 = goal('G3', { area: 'housing' });

  it('shows a goal inserted at the front as one added goal, not every later goal changed', () => {
    const g0 = goal('G0', { area: 'recognition' });
    expect(diffData(plan([g1, g2, g3]), plan([g0, g1, g2, g3]))).toEqual([
      { pointer: '/goals/0', op: 'added', after: g0, itemId: 'G0' },
    ]);
  });

  it('does not report a mere reordering', () => {
    expect(diffData(plan([g1, g2, g3]), plan([g3, g1, g2]))).toEqual([]);
  });

  it('points at the index in after and names the goal for a changed field of a moved goal', () => {
    const after = plan([g3, g1, { ...g2, status: 'reached', outcome: 'Arbeitsvertrag' }]);
    expect(diffData(plan([g1, g2, g3]), after)).toEqual([
      { pointer: '/goals/2/outcome', op: 'added', after: 'Arbeitsvertrag', itemId: 'G2' },
      { pointer: '/goals/2/status', op: 'changed', before: 'open', after: 'reached', itemId: 'G2' },
    ]);
    expect(readPointer(after, '/goals/2/status')).toBe('reached');
  });

  it('points a field removed from a moved goal at the goal in after', () => {
    const withDeadline = { ...g3, deadline: '2019-06-30' };
    expect(diffData(plan([g1, g2, withDeadline]), plan([g3, g1, g2]))).toEqual([
      { pointer: '/goals/0/deadline', op: 'removed', before: '2019-06-30', itemId: 'G3' },
    ]);
  });

  it('shows a deleted goal as removed, at its index in before, after the changes to kept goals', () => {
    const changes = diffData(plan([g1, g2, g3]), plan([g1, { ...g3, status: 'deferred' }]));
    expect(changes).toEqual([
      { pointer: '/goals/1/status', op: 'changed', before: 'open', after: 'deferred', itemId: 'G3' },
      { pointer: '/goals/1', op: 'removed', before: g2, itemId: 'G2' },
    ]);
  });

  it('names the innermost item for changes in nested arrays with ids', () => {
    const before = plan([goal('G1', { measures: [{ id: 'M1', description: 'Kurs', done: false }] })]);
    const after = plan([
      goal('G0'),
      goal('G1', {
        measures: [
          { id: 'M2', description: 'Termin' },
          { id: 'M1', description: 'Kurs', done: true },
        ],
      }),
    ]);
    expect(diffData(before, after)).toEqual([
      { pointer: '/goals/0', op: 'added', after: goal('G0'), itemId: 'G0' },
      {
        pointer: '/goals/1/measures/0',
        op: 'added',
        after: { id: 'M2', description: 'Termin' },
        itemId: 'M2',
      },
      { pointer: '/goals/1/measures/1/done', op: 'changed', before: false, after: true, itemId: 'M1' },
    ]);
  });

  it('keeps the goal id on changes inside an index-compared array of that goal', () => {
    const before = { reviews: [{ id: 'R1', date: '2018-05-02', changedGoals: ['G1'] }] };
    const after = { reviews: [{ id: 'R1', date: '2018-05-02', changedGoals: ['G1', 'G2'] }] };
    expect(diffData(before, after)).toEqual([
      { pointer: '/reviews/0/changedGoals/1', op: 'added', after: 'G2', itemId: 'R1' },
    ]);
  });

  it('matches items without an id with each other by order, so a new goal without id is one added goal', () => {
    const fresh = goal(undefined, { area: 'health' });
    expect(diffData(plan([g1, g2]), plan([g2, fresh, g1]))).toEqual([
      { pointer: '/goals/1', op: 'added', after: fresh },
    ]);
    const edited = { ...fresh, status: 'in_progress' };
    expect(diffData(plan([fresh, g1]), plan([g1, edited]))).toEqual([
      { pointer: '/goals/1/status', op: 'changed', before: 'open', after: 'in_progress' },
    ]);
    expect(diffData(plan([g1, fresh]), plan([g1]))).toEqual([
      { pointer: '/goals/1', op: 'removed', before: fresh },
    ]);
  });

  it('matches a repeated id by order among the items without a usable id', () => {
    const dupe = goal('G1', { title: 'Kopie' });
    expect(diffData(plan([g1, dupe]), plan([g1, { ...dupe, status: 'reached' }]))).toEqual([
      { pointer: '/goals/1/status', op: 'changed', before: 'open', after: 'reached' },
    ]);
  });

  it('compares an emptied or filled id array item by item', () => {
    expect(diffData(plan([g1, g2]), plan([]))).toEqual([
      { pointer: '/goals/0', op: 'removed', before: g1, itemId: 'G1' },
      { pointer: '/goals/1', op: 'removed', before: g2, itemId: 'G2' },
    ]);
    expect(diffData({}, plan([g1]))).toEqual([
      { pointer: '/goals', op: 'added', after: [g1] },
      { pointer: '/header', op: 'added', after: plan([]).header },
    ]);
  });

  it('describes a real plan update (a Fortschreibung of the sample plan)', () => {
    const after = copy(severalGoals);
    const [housing, work, school, participation] = after.goals;
    if (!housing || !work || !school || !participation) throw new Error('sample changed');
    work.status = 'reached';
    const newGoal = {
      id: '01HZX7K2Q4M8N0P2R4T6V8G105',
      area: 'language',
      title: 'B1 bestanden',
      status: 'open',
    };
    after.goals = [newGoal, housing, work, school];
    after.reviews.push({
      id: '01HZX7K2Q4M8N0P2R4T6V8R102',
      date: '2019-03-01',
      summary: 'EQ begonnen; Sportverein gestrichen.',
      changedGoals: [work.id],
      nextDate: '2019-09-01',
    });
    after.header.nextReviewDate = '2019-09-01';

    const changes = diffData(severalGoals, after);
    expect(changes.map(({ pointer, op, itemId }) => ({ pointer, op, itemId }))).toEqual([
      { pointer: '/goals/0', op: 'added', itemId: newGoal.id },
      { pointer: '/goals/2/status', op: 'changed', itemId: work.id },
      { pointer: '/goals/3', op: 'removed', itemId: participation.id },
      { pointer: '/header/nextReviewDate', op: 'changed', itemId: undefined },
      { pointer: '/reviews/1', op: 'added', itemId: '01HZX7K2Q4M8N0P2R4T6V8R102' },
    ]);
    expect(summarizeDiff(changes)).toEqual({ added: 2, removed: 1, changed: 2, total: 5 });
    // Every pointer of a change that is not a removal resolves in the after data to the new value.
    for (const c of changes.filter((x) => x.op !== 'removed'))
      expect(readPointer(after, c.pointer)).toEqual(c.after);
  });

  it('omits itemId outside arrays with ids and never mutates its input', () => {
    const before = plan([g1, g2]);
    const after = plan([g2], { header: { caseId: 'X', counsellingStart: '2018-01-15' } });
    const snapshot = JSON.stringify([before, after]);
    const changes: Change[] = diffData(before, after);
    expect(JSON.stringify([before, after])).toBe(snapshot);
    expect(changes.find((c) => c.pointer === '/header/caseId')).not.toHaveProperty('itemId');
  });
});

describe('summarizeDiff', () => {
  it('counts nothing for no changes', () => {
    expect(summarizeDiff([])).toEqual({ added: 0, removed: 0, changed: 0, total: 0 });
  });

  it('counts each operation', () => {
    const changes: Change[] = [
      { pointer: '/a', op: 'added', after: 1 },
      { pointer: '/b', op: 'added', after: 1 },
      { pointer: '/c', op: 'removed', before: 1 },
      { pointer: '/d', op: 'changed', before: 1, after: 2 },
    ];
    expect(summarizeDiff(changes)).toEqual({ added: 2, removed: 1, changed: 1, total: 4 });
  });
});
