import { describe, expect, it } from 'vitest';
import fundingConfig from '../../forms/funding-application/config.json' with { type: 'json' };
import planConfig from '../../forms/integration-plan/config.json' with { type: 'json' };
import type { Submission } from '../../functions/core/model.ts';
import {
  addMonths,
  berlinDate,
  dueOnTransition,
  dueOnWithdrawal,
  isErasureDue,
  retentionRule,
  tombstoneOf,
} from '../../functions/core/retention.ts';

const TODAY = '2026-03-10';

describe('dates', () => {
  it('adds months, clamping to the end of the month', () => {
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
    expect(addMonths('2026-01-15', 60)).toBe('2031-01-15');
  });

  it('counts days in Europe/Berlin', () => {
    expect(berlinDate(new Date('2025-12-31T23:30:00Z'))).toBe('2026-01-01');
  });
});

describe('retention rules', () => {
  it('come from the form config, with defaults', () => {
    expect(retentionRule(planConfig).afterClosedOrWithdrawnMonths).toBe(6);
    expect(retentionRule(fundingConfig).afterFundingEndsYears).toBe(5);
    expect(
      retentionRule({ retention: { afterClosedOrWithdrawnMonths: 3 } }).afterClosedOrWithdrawnMonths,
    ).toBe(3);
    expect(retentionRule(undefined)).toEqual({ afterClosedOrWithdrawnMonths: 6, afterFundingEndsYears: 5 });
  });

  it('schedule a plan once its closing is agreed, counted from the later of closing and agreement', () => {
    const closed = { closing: { reason: 'goals_reached', date: '2026-05-01' } };
    expect(dueOnTransition('case', planConfig, { status: 'approved', data: closed }, TODAY)).toBe(
      '2026-11-01',
    );
    const backdated = { closing: { reason: 'moved_away', date: '2019-01-01' } };
    expect(dueOnTransition('case', planConfig, { status: 'approved', data: backdated }, TODAY)).toBe(
      '2026-09-10',
    );
    expect(dueOnTransition('case', planConfig, { status: 'draft', data: closed }, TODAY)).toBeUndefined();
    expect(dueOnTransition('case', planConfig, { status: 'approved', data: {} }, TODAY)).toBeUndefined();
  });

  it('schedule an approved funding application after its funding period ends', () => {
    const data = { fundingPeriod: { start: '2026-01-01', end: '2027-12-31' } };
    expect(dueOnTransition('funding', fundingConfig, { status: 'approved', data }, TODAY)).toBe('2032-12-31');
    expect(dueOnTransition('funding', fundingConfig, { status: 'review', data }, TODAY)).toBeUndefined();
    expect(dueOnTransition('funding', fundingConfig, { status: 'revoked', data }, TODAY)).toBe('2032-12-31');
    for (const status of ['rejected', 'withdrawn'] as const)
      expect(dueOnTransition('funding', fundingConfig, { status, data }, TODAY)).toBe('2031-03-10');
  });

  it('schedule a withdrawn plan, keeping an earlier date', () => {
    expect(dueOnWithdrawal(planConfig, undefined, '2026-03-01', TODAY)).toBe('2026-09-10');
    expect(dueOnWithdrawal(planConfig, '2026-04-01', TODAY, TODAY)).toBe('2026-04-01');
    expect(dueOnWithdrawal(planConfig, '2027-04-01', TODAY, TODAY)).toBe('2026-09-10');
  });

  it('make a submission due from its date on', () => {
    expect(isErasureDue({ erasureDueAt: TODAY }, TODAY)).toBe(true);
    expect(isErasureDue({ erasureDueAt: '2026-03-11' }, TODAY)).toBe(false);
    expect(isErasureDue({}, TODAY)).toBe(false);
  });
});

describe('tombstone', () => {
  it('keeps ids, dates and counts, never the data', () => {
    const sub: Submission = {
      id: 's1',
      formId: 'integration-plan',
      formVersion: 1,
      kind: 'case',
      status: 'approved',
      version: 7,
      revision: 2,
      approvedRevision: 2,
      amending: false,
      data: { person: { name: 'Geheime Person' } },
      org: 'kirchheim',
      createdBy: 'u-im1',
      assignedTo: 'u-im1',
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-02-01T00:00:00.000Z',
      indexed: { caseId: 'KT-GEHEIM' },
      locked: true,
      erasureDueAt: '2026-08-01',
      lastComment: 'Kommentar über die Person',
    };
    const t = tombstoneOf(
      sub,
      { revisions: 2, events: 6, attachments: 1, accessLog: 4 },
      '2026-08-01T02:00:00.000Z',
    );
    expect(t).toMatchObject({ id: 's1', org: 'kirchheim', reason: 'erased', basis: 'consent_withdrawn' });
    expect(JSON.stringify(t)).not.toMatch(/Geheim|KT-GEHEIM|Kommentar|u-im1/);
  });
});
