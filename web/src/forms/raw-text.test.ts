import { describe, expect, it } from 'vitest';
import { pointerOfId } from './raw-text.ts';

const schema = {
  type: 'object',
  $defs: { money: { type: 'object', properties: { own_share: { type: 'number' } } } },
  properties: {
    own: { type: 'string' },
    own_share: { $ref: '#/$defs/money' },
    positions: { type: 'array', items: { type: 'object', properties: { fte: { type: 'number' } } } },
    a_b: { type: 'object', properties: { c: { type: 'number' } } },
  },
};

describe('the JSON pointer of an rjsf field id', () => {
  it('reads ids against the schema, property names with the separator included', () => {
    expect(pointerOfId(schema, 'root_positions_0_fte')).toBe('/positions/0/fte');
    expect(pointerOfId(schema, 'root_own_share_own_share')).toBe('/own_share/own_share');
    expect(pointerOfId(schema, 'root_a_b_c')).toBe('/a_b/c');
    expect(pointerOfId(schema, 'root_own')).toBe('/own');
    expect(pointerOfId(schema, 'root_nothing')).toBeUndefined();
    expect(pointerOfId(schema, 'other_own')).toBeUndefined();
  });
});
