import { describe, expect, it } from 'vitest';
import {
  assignItemIds,
  indexedValues,
  missingKindFields,
  omitExtraData,
  relevantIssues,
  type SchemaIssue,
  unsupportedKeywords,
} from '../../functions/core/validation.ts';

const schema = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    address: { $ref: '#/$defs/address' },
    items: {
      type: 'array',
      items: {
        type: 'object',
        properties: { id: { type: 'string', readOnly: true }, label: { type: 'string' } },
      },
    },
    mode: {
      oneOf: [
        { type: 'object', properties: { a: { type: 'string' } } },
        { type: 'object', properties: { b: { type: 'number' } } },
      ],
    },
    tags: { type: 'object', additionalProperties: { type: 'string' } },
  },
  $defs: { address: { type: 'object', properties: { street: { type: 'string' } } } },
};

describe('omitExtraData', () => {
  it('drops unknown fields at every level, following $ref and composition', () => {
    const data = {
      name: 'x',
      evil: 1,
      address: { street: 'Marktstraße 1', zip: '73230' },
      items: [{ label: 'a', extra: true }],
      mode: { a: 'x', b: 2, c: 3 },
      tags: { anything: 'kept' },
    };
    expect(omitExtraData(schema, data)).toEqual({
      name: 'x',
      address: { street: 'Marktstraße 1' },
      items: [{ label: 'a' }],
      mode: { a: 'x', b: 2 },
      tags: { anything: 'kept' },
    });
  });

  it('survives self-referencing schemas', () => {
    const recursive = {
      $defs: {
        node: { type: 'object', properties: { child: { $ref: '#/$defs/node' }, v: { type: 'number' } } },
      },
      $ref: '#/$defs/node',
    };
    expect(omitExtraData(recursive, { v: 1, x: 2, child: { v: 2, y: 3, child: { v: 3 } } })).toEqual({
      v: 1,
      child: { v: 2, child: { v: 3 } },
    });
  });
});

describe('relevantIssues', () => {
  const required: SchemaIssue = {
    instancePath: '',
    schemaPath: '#/required',
    keyword: 'required',
    params: { missingProperty: 'name' },
  };
  const type: SchemaIssue = {
    instancePath: '/name',
    schemaPath: '#/properties/name/type',
    keyword: 'type',
    params: {},
  };
  it('lets drafts be incomplete but never wrongly typed', () => {
    expect(relevantIssues([required], 'draft')).toEqual([]);
    expect(relevantIssues([required, type], 'draft')).toEqual([type]);
    expect(relevantIssues([required], 'submit')).toEqual([required]);
  });

  it('drops a composite failure only when all its causes are incompleteness', () => {
    const ifIssue: SchemaIssue = {
      instancePath: '',
      schemaPath: '#/if',
      keyword: 'if',
      params: { failingKeyword: 'then' },
    };
    const thenRequired: SchemaIssue = {
      instancePath: '',
      schemaPath: '#/then/required',
      keyword: 'required',
      params: { missingProperty: 'members' },
    };
    expect(relevantIssues([thenRequired, ifIssue], 'draft')).toEqual([]);
    const oneOf: SchemaIssue = {
      instancePath: '/mode',
      schemaPath: '#/properties/mode/oneOf',
      keyword: 'oneOf',
      params: {},
    };
    const branchType: SchemaIssue = {
      instancePath: '/mode',
      schemaPath: '#/properties/mode/oneOf/0/type',
      keyword: 'type',
      params: {},
    };
    expect(relevantIssues([branchType, oneOf], 'draft')).toEqual([branchType, oneOf]);
  });
});

describe('item ids, indexed fields, schema checks', () => {
  it('gives array items that declare a read-only id a stable id, keeping existing ones', () => {
    let n = 0;
    const out = assignItemIds(
      schema,
      { items: [{ label: 'a' }, { id: 'keep', label: 'b' }] },
      () => `id-${++n}`,
    );
    expect(out).toEqual({
      items: [
        { id: 'id-1', label: 'a' },
        { id: 'keep', label: 'b' },
      ],
    });
  });

  it('copies indexed fields by JSON pointer', () => {
    expect(
      indexedValues({ caseId: '/header/caseId', missing: '/nope' }, { header: { caseId: 'K-1' } }),
    ).toEqual({ caseId: 'K-1' });
  });

  it('names keywords the renderer cannot show, but not properties that happen to share their names', () => {
    const found = unsupportedKeywords({
      type: 'object',
      properties: { contains: { type: 'array', prefixItems: [] } },
      unevaluatedProperties: false,
    });
    expect(found.map((f) => f.pointer).sort()).toEqual([
      '/properties/contains/prefixItems',
      '/unevaluatedProperties',
    ]);
  });

  it('finds fields a kind needs that a schema lacks', () => {
    expect(
      missingKindFields({ type: 'object', properties: { round: { type: 'string' } } }, 'funding').map(
        (m) => m.pointer,
      ),
    ).toEqual(['/positions']);
    expect(missingKindFields({ type: 'object', properties: {} }, 'generic')).toEqual([]);
  });
});
