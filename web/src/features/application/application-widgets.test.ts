import { describe, expect, it } from 'vitest';
import { requiredState } from '../submission/check-answers.tsx';
import { matchOrganisation, organisationLabel, roundChoices } from './application-widgets.tsx';
import type { Round } from './directory.ts';

const orgs = [
  { id: 'notzingen', name: 'Notzingen', type: 'municipality' as const, district: 'Landkreis Esslingen' },
  {
    id: 'altdorf-esslingen',
    name: 'Altdorf',
    type: 'municipality' as const,
    district: 'Landkreis Esslingen',
  },
  {
    id: 'altdorf-boeblingen',
    name: 'Altdorf',
    type: 'municipality' as const,
    district: 'Landkreis Böblingen',
  },
  {
    id: '08116049',
    name: 'Wernau (Neckar)',
    type: 'municipality' as const,
    district: 'Landkreis Esslingen',
    ags: '08116049',
  },
];

describe('choosing a partner municipality', () => {
  it('finds it by the label offered, by a name only one has, or by its key', () => {
    expect(matchOrganisation(orgs, 'Notzingen (Landkreis Esslingen)')?.id).toBe('notzingen');
    expect(matchOrganisation(orgs, ' notzingen ')?.id).toBe('notzingen');
    expect(matchOrganisation(orgs, '08116049')?.id).toBe('08116049');
    expect(matchOrganisation(orgs, 'Altdorf (Landkreis Böblingen)')?.id).toBe('altdorf-boeblingen');
  });

  it('finds none for a name two municipalities share, a part of a name, or nothing', () => {
    expect(matchOrganisation(orgs, 'Altdorf')).toBeUndefined();
    expect(matchOrganisation(orgs, 'Notz')).toBeUndefined();
    expect(matchOrganisation(orgs, '  ')).toBeUndefined();
  });

  it('offers each with its district', () => {
    expect(organisationLabel(orgs[0]!)).toBe('Notzingen (Landkreis Esslingen)');
    expect(organisationLabel({ name: 'Ohne Kreis' })).toBe('Ohne Kreis');
  });
});

describe('choosing a round', () => {
  const round = (id: string, open: boolean) => ({ id, open, title: `Runde ${id}` }) as unknown as Round;
  const rounds = [round('2017-2018', false), round('2026-2027', true)];
  const ids = (choices: ReturnType<typeof roundChoices>) => choices.map((c) => c.id);

  it('offers the open rounds, and keeps a chosen one whose window has closed since', () => {
    expect(ids(roundChoices(rounds, undefined))).toEqual(['2026-2027']);
    expect(ids(roundChoices(rounds, '2017-2018'))).toEqual(['2017-2018', '2026-2027']);
    expect(ids(roundChoices(rounds, '1999-2000'))).toEqual(['1999-2000', '2026-2027']);
  });
});

describe('a required attachment', () => {
  it('counts only once a file of its kind is available (checked and clean)', () => {
    expect(requiredState('signed-application', [])).toBe('missing');
    expect(requiredState('signed-application', [{ kind: 'signed-application', state: 'rejected' }])).toBe(
      'missing',
    );
    expect(requiredState('signed-application', [{ kind: 'other', state: 'available' }])).toBe('missing');
    expect(requiredState('signed-application', [{ kind: 'signed-application', state: 'scanning' }])).toBe(
      'checking',
    );
    expect(
      requiredState('signed-application', [
        { kind: 'signed-application', state: 'rejected' },
        { kind: 'signed-application', state: 'available' },
      ]),
    ).toBe('attached');
  });
});
