/**
 * The entity registry (`functions/table.ts`): every item type has its own tag and key shape, every access
 * pattern names a declared index, no adapter builds a key string of its own, and the architecture document
 * lists every entity and pattern.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  accessPatterns,
  entities,
  indexKeys,
  indexOf,
  listPatterns,
  partitionQuery,
  table,
} from '../../functions/table.ts';
import { entityTable, patternTable } from '../helpers/table-doc.ts';

const ROOT = resolve(import.meta.dirname, '../..');

describe('the entity registry', () => {
  it('gives every entity its own tag and key shape', () => {
    const all = Object.values(entities);
    expect(new Set(all.map((e) => e.tag)).size).toBe(all.length);
    expect(new Set(all.map((e) => `${e.pk} ${e.sk}`)).size).toBe(all.length);
  });

  it('builds the keys its shapes describe', () => {
    expect(entities.submission.key('01J')).toEqual({ pk: 'SUB#01J', sk: 'META' });
    expect(entities.revision.key('01J', 3)).toEqual({ pk: 'SUB#01J', sk: 'REV#000003' });
    expect(entities.event.key('01J', 12)).toEqual({ pk: 'SUB#01J', sk: 'EVT#00000012' });
    expect(entities.formVersion.key('f', 2)).toEqual({ pk: 'FORM#f', sk: 'V#000002' });
    expect(entities.allocation.key('2017-2018', 'notzingen')).toEqual({
      pk: 'ALLOC#2017-2018',
      sk: 'notzingen',
    });
    expect(entities.figures.key('org', 'p1')).toEqual({ pk: 'FIGURES#org', sk: 'p1' });
  });

  it('lets every access pattern name a declared index, and lists read by audience and status', () => {
    const names = table.indexes.map((i) => i.name) as string[];
    for (const pattern of Object.values(accessPatterns)) expect(names).toContain(pattern.index);
    expect(indexKeys('submissionsByOrgAndStatus', 'O#a#funding#draft', 's')).toEqual({
      gsi2pk: 'O#a#funding#draft',
      gsi2sk: 's',
    });
    expect(indexOf(listPatterns.second.byStatus).name).toBe('gsi4');
    expect(partitionQuery('historyOfSubmission', '01J').ExpressionAttributeValues).toEqual({
      ':pk': 'SUB#01J',
      ':prefix': 'EVT#',
    });
  });

  it('is the only place keys are spelled: no adapter writes a key prefix or an index name', () => {
    const dir = join(ROOT, 'functions/adapters/dynamodb');
    const spelled =
      /SUB#|REV#|EVT#|ACC#|ATT#|MEMBER#|ALLOC#|FIGURES#|FORM#|ORGUSERS#|'FORMS'|'ORG'|'USER'|'META'|'TOMBSTONE'|'ERASE'|gsi\d/;
    for (const file of readdirSync(dir)) {
      const lines = readFileSync(join(dir, file), 'utf8').split('\n');
      const offending = lines.filter((line) => spelled.test(line) && !line.trim().startsWith('*'));
      expect(offending, file).toEqual([]);
    }
  });

  it('is described in the architecture document, as generated here from the registry', () => {
    const doc = readFileSync(join(ROOT, 'docs/architecture.md'), 'utf8');
    // On a change of the registry, paste the tables this test prints into docs/architecture.md.
    expect(doc, 'docs/architecture.md: entity table').toContain(entityTable());
    expect(doc, 'docs/architecture.md: access-pattern table').toContain(patternTable());
  });
});
