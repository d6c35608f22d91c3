import { describe, expect, it } from 'vitest';
import type { RoundFields } from '../../../../functions/core/rounds.ts';
import { fieldOfPointer, fieldsOf, formOf, newestRound, nextRoundId } from './round-form.ts';

const round: RoundFields = {
  title: 'Integrationsmanagement 2026–2027',
  referenceDate: '2025-09-15',
  fundingPeriod: { start: '2026-01-01', maxMonths: 60 },
  rates: { secondary: 47000, bachelor: 47000 },
  placeholders: ['bachelor'],
  illustrative: true,
  minimumEntitlement: 47000,
  minimumFte: 0.25,
  applicationWindow: { opens: '2026-01-01', closes: '2027-12-31' },
  reportingDates: { keyFigures: ['2027-01-31'], proofOfUse: '2028-03-31' },
  legalBasis: 'VwV Integrationsmanagement',
  conditions: [{ code: 'anbest-k', de: 'ANBest-K gelten.', en: 'ANBest-K apply.' }],
  interestRule: { percentagePointsAboveBase: 5 },
  decisionTexts: { remedy: { de: 'Klage binnen eines Monats.' }, authority: { de: 'RP Stuttgart' } },
};

describe('round editor model', () => {
  it('gives back the round it was filled from', () => {
    expect(fieldsOf(formOf('2026-2027', round))).toEqual(round);
  });

  it('leaves out what the admin emptied, and keeps an empty required value for the server to name', () => {
    const form = formOf('x', round);
    const fields = fieldsOf({
      ...form,
      title: '  ',
      maxMonths: undefined,
      opens: '',
      closes: '',
      keyFigures: [''],
      proofOfUse: '',
      conditions: [],
      interestPoints: undefined,
      texts: [],
      illustrative: false,
      rates: [...form.rates, { tier: '', amount: undefined, placeholder: false }],
    });
    expect(fields.title).toBe('');
    expect(fields.fundingPeriod).toEqual({ start: '2026-01-01' });
    expect(fields).not.toHaveProperty('applicationWindow');
    expect(fields).not.toHaveProperty('reportingDates');
    expect(fields).not.toHaveProperty('conditions');
    expect(fields).not.toHaveProperty('interestRule');
    expect(fields).not.toHaveProperty('decisionTexts');
    expect(fields).not.toHaveProperty('illustrative');
    expect(fields.rates).toEqual({ secondary: 47000, bachelor: 47000 });
  });

  it('reads a JSON view that lacks required parts without failing', () => {
    const form = formOf('x', { title: 'T' });
    expect(form.start).toBe('');
    expect(form.rates).toEqual([]);
  });

  it('finds the field a server pointer names', () => {
    const form = formOf('2026-2027', round);
    expect(fieldOfPointer('/id', form)).toBe('id');
    expect(fieldOfPointer('/round/title', form)).toBe('title');
    expect(fieldOfPointer('/round/rates/bachelor', form)).toBe('rates/1/amount');
    expect(fieldOfPointer('/round/rates', form)).toBe('rates');
    expect(fieldOfPointer('/round/placeholders/0', form)).toBe('rates/1/tier');
    expect(fieldOfPointer('/round/applicationWindow/closes', form)).toBe('closes');
    expect(fieldOfPointer('/round/fundingPeriod/maxMonths', form)).toBe('maxMonths');
    expect(fieldOfPointer('/round/reportingDates/keyFigures/0', form)).toBe('keyFigures/0');
    expect(fieldOfPointer('/round/conditions/0/code', form)).toBe('conditions/0/code');
    expect(fieldOfPointer('/round/decisionTexts/authority/de', form)).toBe('texts/0/de');
    expect(fieldOfPointer('/round/interestRule/percentagePointsAboveBase', form)).toBe('interestPoints');
    expect(fieldOfPointer('/round/minimumFte', form)).toBe('minimumFte');
    expect(fieldOfPointer('', form)).toBe('');
  });

  it('copies the newest round under a free id', () => {
    const rounds = [
      { id: '2017-2018', fundingPeriod: { start: '2017-07-01', maxMonths: 24 } },
      { id: '2026-2027', fundingPeriod: { start: '2026-01-01', maxMonths: 60 } },
    ];
    expect(newestRound(rounds)?.id).toBe('2026-2027');
    expect(newestRound([])).toBeUndefined();
    expect(nextRoundId('2026-2027', new Set())).toBe('2028-2029');
    expect(nextRoundId('2026', new Set())).toBe('2027');
    expect(nextRoundId('2026-2027', new Set(['2028-2029']))).toBe('2026-2027-2');
    expect(nextRoundId('sonder', new Set())).toBe('sonder-2');
  });
});
