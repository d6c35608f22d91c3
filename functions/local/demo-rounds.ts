import type { FundingRound } from '#core/allocation-rules';
import { DEFAULT_LETTER_TEXTS } from '#core/documents/letter-texts';
import type { RoundFields, RoundVersion } from '#core/rounds';

/** The current demo round: its planning frames are the 2017–2018 ones, marked illustrative. */
export const CURRENT_DEMO_ROUND = '2026-2027';

const SYSTEM = { sub: 'system', name: 'Datenimport / data import' };

const COMMON: Pick<RoundFields, 'legalBasis' | 'reportingDates' | 'conditions' | 'decisionTexts'> = {
  legalBasis:
    'Verwaltungsvorschrift des Ministeriums für Soziales und Integration über die Gewährung von Zuwendungen für das Integrationsmanagement (VwV Integrationsmanagement); Bewilligungsstelle: Regierungspräsidium Stuttgart.',
  conditions: [
    {
      code: 'anbest-k',
      de: 'Die Allgemeinen Nebenbestimmungen für Zuwendungen zur Projektförderung an Gemeinden (ANBest-K) sind Bestandteil dieses Bescheids.',
      en: 'The general terms for project grants to municipalities (ANBest-K) are part of this decision.',
    },
    {
      code: 'anbest-p',
      de: 'Für andere Zuwendungsempfänger gelten die ANBest-P.',
      en: 'For other recipients the ANBest-P apply.',
    },
  ],
  // The letters' texts (receipt, decision letter, refusal) as the round's data, to be checked by the lawyers.
  decisionTexts: {
    ...Object.fromEntries(Object.entries(DEFAULT_LETTER_TEXTS).map(([key, de]) => [key, { de }])),
    remedy: {
      de: 'Gegen diesen Bescheid kann innerhalb eines Monats nach Bekanntgabe Klage beim Verwaltungsgericht erhoben werden.',
      en: 'An action against this decision may be brought before the administrative court within one month of notification.',
    },
  },
};

/**
 * The demo registry's rounds: the repository's 2017–2018 round as version 1 (from its round file), and a
 * current round with the 2024 rate (47,000 EUR per VZÄ and year) whose planning frames are illustrative and
 * whose window is open, so that every demo role sees an open round (its dates are illustrative too). The
 * 2017–2018 round file states no application window, so that round keeps taking applications, as before.
 */
export function demoRounds(repoRound: FundingRound | undefined): RoundVersion[] {
  const rounds: RoundVersion[] = [];
  if (repoRound) {
    rounds.push({
      ...COMMON,
      id: repoRound.id,
      title: repoRound.title,
      referenceDate: repoRound.referenceDate,
      fundingPeriod: { start: '2017-07-01', maxMonths: repoRound.maxMonths },
      rates: repoRound.rates,
      ...(repoRound.placeholders ? { placeholders: repoRound.placeholders } : {}),
      ...(repoRound.note ? { note: repoRound.note } : {}),
      minimumEntitlement: repoRound.minimumEntitlement,
      minimumFte: repoRound.minimumFte,
      reportingDates: { keyFigures: ['2018-01-31', '2019-01-31'], proofOfUse: '2019-03-31' },
      interestRule: { percentagePointsAboveBase: 5 },
      version: 1,
      status: 'published',
      createdAt: '2017-09-15T00:00:00.000Z',
      createdBy: SYSTEM,
      publishedAt: '2017-09-15T00:00:00.000Z',
      publishedBy: SYSTEM,
    });
  }
  rounds.push({
    ...COMMON,
    id: CURRENT_DEMO_ROUND,
    title: 'Pakt für Integration: Integrationsmanagement 2026–2027 (Beispiel)',
    referenceDate: '2025-09-15',
    fundingPeriod: { start: '2026-01-01', maxMonths: 60 },
    rates: { secondary: 47000, bachelor: 47000, master: 47000 },
    placeholders: ['bachelor', 'master'],
    illustrative: true,
    note: 'Demo round. The rate is the published 2024 figure (47,000 EUR per VZÄ and year); the university tiers are placeholders set to it. Planning frames and dates are illustrative: there are no public figures for this round.',
    minimumEntitlement: 47000,
    minimumFte: 0.25,
    applicationWindow: { opens: '2026-01-01', closes: '2027-12-31' },
    reportingDates: { keyFigures: ['2027-01-31', '2028-01-31'], proofOfUse: '2028-03-31' },
    interestRule: { percentagePointsAboveBase: 5 },
    version: 1,
    status: 'published',
    createdAt: '2025-12-01T00:00:00.000Z',
    createdBy: SYSTEM,
    publishedAt: '2025-12-01T00:00:00.000Z',
    publishedBy: SYSTEM,
  });
  return rounds;
}
