import { describe, expect, it } from 'vitest';
import planSample from '../../forms/integration-plan/samples/valid-minimal.json' with { type: 'json' };
import { diffData } from '../../functions/core/diff.ts';
import { isAppError } from '../../functions/core/errors.ts';
import { readPointer } from '../../functions/core/json-pointer.ts';
import type { Submission } from '../../functions/core/model.ts';
import { omitExtraData } from '../../functions/core/validation.ts';
import { actor, memoryServices } from '../helpers/services.ts';

/** Names every object inherits; as own properties of user data they are data like any other. */
const INHERITED = [
  '__proto__',
  'constructor',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  '__defineGetter__',
  '__lookupGetter__',
];

/** The same JSON as a request body would be parsed: `__proto__` becomes an own property. */
const parsed = (json: string) => JSON.parse(json) as Record<string, any>;

/** Every own key anywhere in a value. */
function ownKeys(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) ownKeys(v, out);
  else if (value !== null && typeof value === 'object') {
    for (const k of Object.keys(value)) {
      out.add(k);
      ownKeys((value as Record<string, unknown>)[k], out);
    }
  }
  return out;
}

const ORG = 'kirchheim-unter-teck';
const im = actor('im1', 'manager', ORG);
const municipality = actor('kommune', 'municipality', ORG);

/** The plan sample with one inherited name as an own key at the root, in a section and in a goal. */
function evilPlan(name: string) {
  const key = JSON.stringify(name);
  return parsed(`{
    ${key}: {"x": 1},
    "header": {"caseId": "KT-1", "counsellingStart": "2018-01-15", ${key}: "a"},
    "consent": ${JSON.stringify(planSample.consent)},
    "person": {"name": "A. Beispiel", ${key}: 5},
    "goals": [{"area": "language", "title": "Deutsch", "status": "open", ${key}: [1]}]
  }`);
}

async function outcome<T>(run: () => Promise<T>): Promise<{ ok: T } | { status: number }> {
  try {
    return { ok: await run() };
  } catch (error) {
    if (isAppError(error)) return { status: error.status };
    throw error;
  }
}

describe('own properties with inherited names in form data', () => {
  for (const name of INHERITED) {
    it(`"${name}" is dropped by the pruning like any unknown field, at every level`, async () => {
      const s = memoryServices([im]);
      const created = await outcome(() =>
        s.submissionService.create(im, { formId: 'integration-plan', data: evilPlan(name) }),
      );
      expect('ok' in created, JSON.stringify(created)).toBe(true);
      const sub = (created as { ok: Submission }).ok;
      expect(ownKeys(sub.data).has(name)).toBe(false);
      expect(Object.getPrototypeOf(sub.data.header)).toBe(Object.prototype);
      const stored = await s.submissions.get(sub.id);
      expect(ownKeys(stored?.data).has(name)).toBe(false);
      // Saving answers the same way.
      const saved = await outcome(() =>
        s.submissionService.save(im, sub.id, `"${sub.version}"`, { data: evilPlan(name) }),
      );
      expect('ok' in saved).toBe(true);
      expect(ownKeys((saved as { ok: Submission }).ok.data).has(name)).toBe(false);
    });

    it(`"${name}" as a joint member's organisation never reads as a frame`, async () => {
      const s = memoryServices([municipality]);
      const data = {
        round: '2017-2018',
        joint: { isJoint: true, members: [{ organisationId: name, name: 'X', share: 1000 }] },
      };
      const created = await outcome(() =>
        s.submissionService.create(municipality, { formId: 'funding-application', data }),
      );
      if ('ok' in created) {
        const frame = created.ok.data.planningFrame as Record<string, unknown> | undefined;
        for (const v of Object.values(frame ?? {})) expect(Number.isFinite(v)).toBe(true);
      } else expect(created.status).toBe(400);
    });
  }

  it('pointers and diffs read own properties only', () => {
    expect(readPointer({ a: {} }, '/a/constructor')).toBeUndefined();
    expect(readPointer({ a: [] }, '/a/length')).toBeUndefined();
    expect(readPointer(parsed('{"a": {"toString": 1}}'), '/a/toString')).toBe(1);
    expect(diffData({}, parsed('{"constructor": 1}'))).toEqual([
      { pointer: '/constructor', op: 'added', after: 1 },
    ]);
    expect(diffData(parsed('{"valueOf": 1}'), {})).toEqual([
      { pointer: '/valueOf', op: 'removed', before: 1 },
    ]);
  });

  it('pruning never sets a prototype', () => {
    const pruned = omitExtraData(
      { type: 'object', properties: { a: { type: 'object', additionalProperties: true } } },
      parsed('{"a": {"__proto__": {"polluted": true}}}'),
    ) as Record<string, any>;
    expect(Object.getPrototypeOf(pruned.a)).toBe(Object.prototype);
    expect(pruned.a.polluted).toBeUndefined();
    expect(Object.hasOwn(pruned.a, '__proto__')).toBe(true);
  });
});

describe('attachment types named like inherited members', () => {
  it('a content type "constructor" gets no extension (and no crash)', async () => {
    const { withTypeExtension } = await import('../../functions/core/attachments.ts');
    expect(withTypeExtension('a.txt', 'constructor')).toBe('a.txt');
    expect(withTypeExtension('a.txt', 'toString')).toBe('a.txt');
  });
});
