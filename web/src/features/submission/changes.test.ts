import { describe, expect, it } from 'vitest';
import type { Schema } from '../../forms/schema-tools.ts';
import { makeI18n } from '../../i18n/i18n.tsx';
import { statusLabel } from '../../ui/primitives.tsx';
import { changeLabel } from './changes.tsx';
import { formatValue } from './data-view.tsx';

const de = makeI18n('de', () => {});

const schema: Schema = {
  type: 'object',
  properties: {
    goals: {
      type: 'array',
      title: 'Ziele',
      items: {
        type: 'object',
        properties: {
          status: { type: 'string', title: 'Stand', enum: ['in_progress', 'reached'] },
          title: { type: 'string', title: 'Ziel' },
        },
      },
    },
  },
} as Schema;

describe('change lists', () => {
  it('names a list item by its title, not its position', () => {
    const data = { goals: [{ title: 'Deutschkurs B1', status: 'reached' }] };
    expect(changeLabel(de, schema, ['goals', '0', 'status'], [data])).toBe(
      'Ziele › „Deutschkurs B1“ › Stand',
    );
    expect(changeLabel(de, schema, ['goals', '0', 'status'], [{ goals: [{}] }])).toBe(
      'Ziele › Eintrag 1 › Stand',
    );
  });

  it('shows labels for codes and a whole item without JSON', () => {
    const status = schema.properties?.goals?.items?.properties?.status;
    expect(formatValue(de, status, { 'ui:enumNames': ['In Arbeit', 'Erreicht'] }, 'reached')).toBe(
      'Erreicht',
    );
    const item = formatValue(de, schema.properties?.goals?.items, undefined, {
      title: 'Kita-Platz',
      status: 'in_progress',
    });
    expect(item).toBe('Ziel: Kita-Platz; Stand: in_progress');
    expect(item).not.toContain('{');
  });
});

describe('status names per kind of form', () => {
  it('calls an agreed plan "Vereinbart" and a plan being continued "In Fortschreibung"', () => {
    expect(statusLabel(de, 'approved', undefined, { kind: 'case' })).toBe('Vereinbart');
    expect(statusLabel(de, 'approved', undefined, { kind: 'funding' })).toBe('Bewilligt');
    expect(statusLabel(de, 'draft', undefined, { kind: 'case', amending: true })).toBe('In Fortschreibung');
    expect(statusLabel(de, 'draft', undefined, { kind: 'case', amending: false })).toBe('Entwurf');
  });
});
