import { describe, expect, it } from 'vitest';
import fundingSchema from '../../forms/funding-application/schema.v1.json' with { type: 'json' };
import planSchema from '../../forms/integration-plan/schema.v1.json' with { type: 'json' };
import { patternProblem, schemaProblems } from '../../functions/core/schema-policy.ts';

const object = (properties: Record<string, unknown>, more: Record<string, unknown> = {}) => ({
  type: 'object',
  properties,
  ...more,
});

describe('schemaProblems', () => {
  it("accepts the repository's own schemas", () => {
    expect(schemaProblems(fundingSchema)).toEqual([]);
    expect(schemaProblems(planSchema)).toEqual([]);
  });

  const refused: Array<[string, unknown, string, string]> = [
    [
      'an $id',
      object({ a: { $id: 'x:y', type: 'string' } }),
      '/schema/properties/a/$id',
      'schema.identifier',
    ],
    ['a root $id', { $id: '1', type: 'object' }, '/schema/$id', 'schema.identifier'],
    ['an $anchor', object({ a: { $anchor: 'a' } }), '/schema/properties/a/$anchor', 'schema.identifier'],
    [
      'a remote $ref',
      object({ a: { $ref: 'https://example.org/s.json' } }),
      '/schema/properties/a/$ref',
      'schema.ref',
    ],
    ['a dangling $ref', object({ a: { $ref: '#/$defs/none' } }), '/schema/properties/a/$ref', 'schema.ref'],
    [
      'another draft',
      { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object' },
      '/schema/$schema',
      'schema.draft',
    ],
    [
      'a huge integer constant',
      object({ a: { const: 2 ** 60 } }),
      '/schema/properties/a/const',
      'schema.unsafe_number',
    ],
    [
      'a huge maximum',
      object({ a: { type: 'integer', maximum: 1e300 } }),
      '/schema/properties/a/maximum',
      'schema.unsafe_number',
    ],
    [
      'minProperties',
      object({ a: { type: 'string' } }, { minProperties: 1 }),
      '/schema/minProperties',
      'schema.undeclared_dependent',
    ],
    [
      'maxProperties',
      object({}, { maxProperties: 0 }),
      '/schema/maxProperties',
      'schema.undeclared_dependent',
    ],
    [
      'patternProperties',
      object({}, { patternProperties: { '^x$': {} } }),
      '/schema/patternProperties',
      'schema.undeclared_dependent',
    ],
    [
      'required undeclared',
      object({ a: {} }, { required: ['b'] }),
      '/schema/required/0',
      'schema.undeclared_dependent',
    ],
    [
      'dependentRequired undeclared',
      object({ a: {} }, { dependentRequired: { a: ['b'] } }),
      '/schema/dependentRequired/a',
      'schema.undeclared_dependent',
    ],
    [
      'const of an object',
      object({ a: { const: { x: 1 } } }),
      '/schema/properties/a/const',
      'schema.undeclared_dependent',
    ],
    [
      'enum of objects',
      object({ a: { enum: [1, { x: 1 }] } }),
      '/schema/properties/a/enum',
      'schema.undeclared_dependent',
    ],
    ['multipleOf 0', object({ a: { multipleOf: 0 } }), '/schema/properties/a/multipleOf', 'schema.invalid'],
    [
      'a catastrophic pattern',
      object({ a: { type: 'string', pattern: '^(a|a)*$' } }),
      '/schema/properties/a/pattern',
      'schema.unsafe_pattern',
    ],
  ];
  it.each(refused)('refuses %s, naming where and why', (_what, schema, pointer, code) => {
    expect(schemaProblems(schema)).toContainEqual(expect.objectContaining({ pointer, code }));
  });

  it('accepts required and dependentRequired names where unknown properties are kept', () => {
    expect(schemaProblems(object({}, { additionalProperties: true, required: ['b'] }))).toEqual([]);
  });
});

describe('patternProblem', () => {
  const safe = [
    '^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$',
    '^[A-Za-z0-9][A-Za-z0-9._-]{2,39}$',
    '^[A-Za-z]{2}[0-9]{2}( ?[A-Za-z0-9]){11,30}$',
    '^\\+?[0-9][0-9 ()/-]{4,29}$',
    '^\\d{4}-\\d{4}$',
    '^[0-9 +/-]{5,}$',
    '^[^@\\s]+@[^@\\s]+$',
    '^(?:DE|AT)\\d{2}$',
  ];
  it.each(safe)('accepts %s', (pattern) => expect(patternProblem(pattern)).toBeUndefined());

  const unsafe = [
    '^(a|a)*$',
    '^(a+)+$',
    '^(a*)*b$',
    '^(\\w+\\s?)*$',
    '^\\d*\\d*x$',
    '^\\d+\\d+$',
    '^(a|ab)*c$',
    '^(b?b)*$',
    '^.*.*=.*$',
    '\\d+x',
    '^(a)\\1$',
    '^(?=a)a$',
    'a|b',
    '^[$',
  ];
  it.each(unsafe)('refuses %s with a reason', (pattern) => {
    expect(patternProblem(pattern)).toEqual(expect.any(String));
  });

  it('every accepted pattern runs in linear time on hostile input', () => {
    for (const pattern of safe) {
      const re = new RegExp(pattern, 'u');
      for (const ch of ['a', '1', ' ', 'A', '@', '+']) {
        const started = performance.now();
        re.test(`${ch.repeat(100_000)}!`);
        expect(performance.now() - started, pattern).toBeLessThan(200);
      }
    }
  });
});
