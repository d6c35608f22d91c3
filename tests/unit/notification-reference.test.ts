import { describe, expect, it } from 'vitest';
import type { Submission } from '#core/model';
import { referenceOf } from '#core/notifications';

const submission = (over: Partial<Submission>): Submission => ({
  id: '01JD0000000000000000000000',
  formId: 'integration-plan',
  formVersion: 2,
  kind: 'case',
  status: 'review',
  version: 3,
  revision: 1,
  approvedRevision: null,
  amending: false,
  data: {},
  org: 'kirchheim',
  createdBy: 'u-1',
  createdAt: '2026-11-01T10:00:00Z',
  updatedAt: '2026-11-01T10:00:00Z',
  indexed: {},
  ...over,
});

describe('the reference a notification gives', () => {
  it('names a plan by its case number', () => {
    expect(referenceOf(submission({ indexed: { caseId: 'KI-2026-017' } }))).toBe('KI-2026-017');
  });

  it('falls back to the record id for a plan without a case number', () => {
    expect(referenceOf(submission({ indexed: { caseId: '  ' } }))).toBe('01JD0000000000000000000000');
  });

  it('names an application by its file number once decided, never by a case number in its data', () => {
    const decided = submission({
      kind: 'funding',
      formId: 'funding-application',
      indexed: { caseId: 'X' },
      decision: {
        requestedAmount: 10,
        approvedAmount: 10,
        fileNumber: 'RPS-IM-2017-0042',
        decisionDate: '2017-05-02',
        decidedBy: { sub: 'u-r', name: 'Prüferin' },
      },
    });
    expect(referenceOf(decided)).toBe('RPS-IM-2017-0042');
    expect(referenceOf({ ...decided, decision: undefined })).toBe(decided.id);
  });
});
