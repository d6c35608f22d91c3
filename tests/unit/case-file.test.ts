/** The case file's pure rules: the file-number format, the issue table and the letters' content. */
import { describe, expect, it } from 'vitest';
import {
  documentObjectKey,
  documentsIssuedBy,
  ISSUED_BY_ACTION,
  pendingDocument,
} from '../../functions/core/documents/issue.ts';
import { DEFAULT_LETTER_TEXTS, letterTexts } from '../../functions/core/documents/letter-texts.ts';
import {
  anbestFor,
  buildLetter,
  formatEuro,
  type LetterInput,
  proofOfUseDue,
} from '../../functions/core/documents/letters.ts';
import type { DocumentModel } from '../../functions/core/documents/model.ts';
import { fileNumberConfig, fileNumberRound, formatFileNumber } from '../../functions/core/file-number.ts';
import type { Submission } from '../../functions/core/model.ts';
import { searchTerms } from '../../functions/core/queue.ts';

describe('file numbers', () => {
  const config = { authority: 'RPS', format: '{authority}-IM-{roundYear}-{n:4}' };

  it('follow the configured pattern, zero-padded, growing past the padding', () => {
    expect(formatFileNumber(config, '2017-2018', 42)).toBe('RPS-IM-2017-0042');
    expect(formatFileNumber(config, '2026-2027', 1)).toBe('RPS-IM-2026-0001');
    expect(formatFileNumber(config, '2017-2018', 12345)).toBe('RPS-IM-2017-12345');
    expect(formatFileNumber({ authority: 'RPS', format: '{authority}/{round}/{n}' }, 'R1', 7)).toBe(
      'RPS/R1/7',
    );
    expect(() => formatFileNumber(config, '2017-2018', 0)).toThrow();
  });

  it('are configured as data, and a malformed configuration is refused', () => {
    expect(fileNumberConfig({ fileNumber: config })).toEqual(config);
    expect(fileNumberConfig({})).toBeUndefined();
    expect(() => fileNumberConfig({ fileNumber: { authority: 'rps', format: '{n}' } })).toThrow();
    expect(() => fileNumberConfig({ fileNumber: { authority: 'RPS', format: '{authority}' } })).toThrow();
    expect(() => fileNumberConfig({ fileNumber: { authority: 'RPS', format: '{n}-{year}' } })).toThrow();
  });

  it("count per round: the application's round, else the year of the first submit", () => {
    expect(fileNumberRound({ round: '2026-2027' }, '2026-03-02T09:00:00Z')).toBe('2026-2027');
    expect(fileNumberRound({}, '2026-03-02T09:00:00Z')).toBe('2026');
  });

  it('are search terms of the work queue', () => {
    const sub = { org: 'wendlingen', fileNumber: 'RPS-IM-2017-0042' } as Submission;
    expect(searchTerms(sub, { municipality: 'Wendlingen am Neckar' })).toContain('rpsim20170042');
  });
});

describe('the issue table', () => {
  it('names the document each action issues, for funding applications only', () => {
    expect(documentsIssuedBy('funding', 'submit')).toEqual(['receipt']);
    expect(documentsIssuedBy('funding', 'approve')).toEqual(['decision']);
    expect(documentsIssuedBy('funding', 'reject')).toEqual(['refusal']);
    expect(documentsIssuedBy('funding', 'revoke')).toEqual(['revocation']);
    expect(documentsIssuedBy('funding', 'return')).toEqual([]);
    expect(documentsIssuedBy('funding', 'toString')).toEqual([]);
    expect(documentsIssuedBy('case', 'approve')).toEqual([]);
    expect(Object.keys(ISSUED_BY_ACTION).sort()).toEqual(['approve', 'reject', 'revoke', 'submit']);
  });

  it('gives pending documents with their key under the submission (beside, not among, the attachments)', () => {
    const d = pendingDocument({
      id: '01DOC',
      submissionId: '01SUB',
      kind: 'receipt',
      issuedAt: '2026-03-02T09:00:00.000Z',
      revision: 2,
      version: 5,
    });
    expect(d).toMatchObject({ state: 'pending', title: 'Eingangsbestätigung (Fassung 2)' });
    expect(d.key).toBe('submissions/01SUB/documents/01DOC.pdf');
    expect(() => documentObjectKey('../x', '01DOC')).toThrow();
  });
});

const data = {
  round: '2017-2018',
  applicant: {
    kind: 'municipality',
    name: 'Wendlingen am Neckar',
    address: { street: 'Am Marktplatz', houseNumber: '2', postalCode: '73240', city: 'Wendlingen am Neckar' },
  },
  positions: [
    {
      id: 'p1',
      personName: 'Sara Muster',
      qualification: 'secondary',
      fte: 0.5,
      startDate: '2017-11-01',
      months: 24,
      requestedAmount: 51_000,
    },
  ],
  fundingPeriod: { start: '2017-11-01', end: '2019-10-31' },
  budget: { requestedTotal: 51_000 },
};

const input = (overrides: Partial<LetterInput> = {}): LetterInput => ({
  kind: 'receipt',
  fileNumber: 'RPS-IM-2017-0042',
  issuedOn: '2026-03-02',
  submittedOn: '2026-03-02',
  revision: { n: 1, data, sha256: 'a'.repeat(64) },
  recipientType: 'municipality',
  round: {
    id: '2017-2018',
    title: 'Integrationsmanagement 2017–2018',
    legalBasis: 'VwV Integrationsmanagement',
  },
  texts: letterTexts(),
  ...overrides,
});

const decision = {
  requestedAmount: 51_000,
  approvedAmount: 40_000,
  reason: 'Die Stelle beginnt später.',
  fileNumber: 'RPS-IM-2017-0042',
  conditions: ['Besetzung anzeigen.'],
  decisionDate: '2026-03-03',
  decidedBy: { sub: 'r', name: 'Dr. Katrin Brandt' },
};

const allText = (doc: DocumentModel) => JSON.stringify(doc.blocks);

describe('letters', () => {
  it('the receipt: file number, date, data, hash, and the legal-review mark', () => {
    const doc = buildLetter(input());
    const text = allText(doc);
    for (const s of [
      'RPS-IM-2017-0042',
      '2. März 2026',
      'Wendlingen am Neckar',
      '51.000 EUR',
      'a'.repeat(64),
    ])
      expect(text).toContain(s);
    expect(text).toContain(DEFAULT_LETTER_TEXTS['legal-review']);
    expect(doc.title).toBe('Eingangsbestätigung RPS-IM-2017-0042');
  });

  it('the decision letter: amounts, period, ANBest, payment, proof-of-use deadline, legal remedy', () => {
    const text = allText(buildLetter(input({ kind: 'decision', decision })));
    for (const s of [
      'Zuwendungsbescheid',
      '40.000 EUR',
      'Festbetragsfinanzierung',
      'ANBest-K',
      'Besetzung anzeigen.',
      'Die Stelle beginnt später.',
      '31. Januar 2020',
      'Verwaltungsgericht',
      'innerhalb eines Monats',
      'VwV Integrationsmanagement',
      'Mittelabruf',
    ])
      expect(text).toContain(s);
    const provider = allText(buildLetter(input({ kind: 'decision', decision, recipientType: 'provider' })));
    expect(provider).toContain('ANBest-P');
  });

  it("the refusal: the reasons and the legal remedy; a round's own text wins", () => {
    const texts = letterTexts({ remedy: { de: 'Klage binnen eines Monats beim VG Stuttgart.' } });
    const text = allText(
      buildLetter(input({ kind: 'refusal', decision: { ...decision, reason: 'Frist versäumt.' }, texts })),
    );
    expect(text).toContain('Frist versäumt.');
    expect(text).toContain('Klage binnen eines Monats beim VG Stuttgart.');
    expect(() => buildLetter(input({ kind: 'revocation' }))).toThrow();
  });

  it('the revocation: which decision, the reasons, the repayment that follows, the legal remedy', () => {
    const revoked = {
      ...decision,
      revocation: {
        reason: 'Stelle nie besetzt.',
        date: '2026-06-01',
        by: { sub: 'u-r', name: 'K. Brandt' },
        claim: { principal: 5_000, interest: 12, total: 5_012 },
      },
    };
    const doc = buildLetter(input({ kind: 'revocation', decision: revoked }));
    const text = allText(doc);
    for (const s of [
      'Widerrufsbescheid',
      'Stelle nie besetzt.',
      '§ 49a LVwVfG',
      'Verwaltungsgericht',
      'K. Brandt',
    ])
      expect(text).toContain(s);
    expect(doc.title).toBe('Widerrufsbescheid RPS-IM-2017-0042');
    expect(text).toContain('gesonderter Rückforderungsbescheid');
    // Nothing paid out: nothing to repay, and no claim is announced.
    const { claim: _claim, ...unpaid } = revoked.revocation;
    const none = allText(
      buildLetter(input({ kind: 'revocation', decision: { ...revoked, revocation: unpaid } })),
    );
    expect(none).toContain('nichts zu erstatten');
    expect(none).not.toContain('Rückforderungsbescheid');
  });

  it('small rules: euros, ANBest-K or -P, the proof-of-use deadline', () => {
    expect(formatEuro(189_975)).toBe('189.975 EUR');
    expect(anbestFor('district')).toBe('K');
    expect(anbestFor('municipality', 'provider')).toBe('P');
    expect(proofOfUseDue('2019-09-30')).toBe('2019-12-31');
    expect(proofOfUseDue('2019-10-15')).toBe('2020-01-15');
    expect(proofOfUseDue('2019-11-30')).toBe('2020-02-29');
  });
});
