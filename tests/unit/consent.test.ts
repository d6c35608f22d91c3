import { describe, expect, it } from 'vitest';
import planConfig from '../../forms/integration-plan/config.json' with { type: 'json' };
import fullPlan from '../../forms/integration-plan/samples/valid-full.json' with { type: 'json' };
import {
  healthDataIssues,
  healthPointers,
  parseWithdrawal,
  redact,
  withdrawalEditIssues,
  withdrawConsent,
} from '../../functions/core/consent.ts';

type Json = Record<string, any>;
const TODAY = '2026-03-10';

const plan = (): Json => ({
  header: { caseId: 'KT-1', counsellingStart: '2026-01-01' },
  consent: {
    storage: { given: true, date: '2026-01-01' },
    health: { given: true, date: '2026-01-01' },
    sharing: [{ id: 's1', body: 'Jobcenter Esslingen', given: true, date: '2026-01-02' }],
  },
  person: { name: 'A. B.' },
  needs: [{ area: 'work' }, { area: 'health', description: 'Rücken' }],
  goals: [
    { id: 'g1', area: 'health', title: 'Arzttermin', status: 'open' },
    { id: 'g2', area: 'language', title: 'B1', status: 'open' },
    { id: 'g3', area: 'health', title: 'Reha', status: 'open' },
  ],
  health: { notes: 'Asthma' },
});

describe('parseWithdrawal', () => {
  it('reads purpose and date, defaulting the date to today', () => {
    expect(parseWithdrawal({ purpose: 'storage' }, TODAY)).toEqual({
      purpose: 'storage',
      withdrawnAt: TODAY,
    });
    expect(
      parseWithdrawal({ purpose: 'sharing', withdrawnAt: '2026-03-01', sharingId: 's1' }, TODAY),
    ).toEqual({
      purpose: 'sharing',
      withdrawnAt: '2026-03-01',
      sharingId: 's1',
    });
  });

  it.each([
    [{ purpose: 'marketing' }, '/purpose'],
    [{ purpose: 'storage', withdrawnAt: '2026-02-30' }, '/withdrawnAt'],
    [{ purpose: 'storage', withdrawnAt: '2026-03-11' }, '/withdrawnAt'],
    [{ purpose: 'sharing' }, '/sharingId'],
    [{ purpose: 'health', sharingId: 's1' }, '/sharingId'],
    ['storage', ''],
  ])('refuses %j (%s)', (body, pointer) => {
    expect(() => parseWithdrawal(body, TODAY)).toThrow(
      expect.objectContaining({ status: 400, details: [expect.objectContaining({ pointer })] }),
    );
  });
});

describe('withdrawConsent', () => {
  it('marks the consent withdrawn with its date and keeps the rest of the record', () => {
    const { data } = withdrawConsent(plan(), { purpose: 'storage', withdrawnAt: '2026-03-01' });
    expect(data.consent).toMatchObject({
      storage: { given: false, date: '2026-01-01', withdrawnAt: '2026-03-01' },
    });
  });

  it('withdraws sharing with one named body and names it', () => {
    const out = withdrawConsent(plan(), { purpose: 'sharing', withdrawnAt: TODAY, sharingId: 's1' });
    expect(out.body).toBe('Jobcenter Esslingen');
    expect((out.data.consent as Json).sharing[0]).toMatchObject({ given: false, withdrawnAt: TODAY });
  });

  it('refuses what is not given (409) and unknown sharing ids (400)', () => {
    const once = withdrawConsent(plan(), { purpose: 'health', withdrawnAt: TODAY }).data;
    expect(() => withdrawConsent(once, { purpose: 'health', withdrawnAt: TODAY })).toThrow(
      expect.objectContaining({ status: 409, code: 'consent.not_given' }),
    );
    expect(() => withdrawConsent(plan(), { purpose: 'sharing', withdrawnAt: TODAY, sharingId: 'x' })).toThrow(
      expect.objectContaining({ status: 400, code: 'consent.unknown_sharing' }),
    );
  });
});

describe('health data', () => {
  it('is the configured fields plus needs and goals in the area health', () => {
    expect(healthPointers(planConfig, plan())).toEqual(['/health', '/needs/1', '/goals/0', '/goals/2']);
    expect(healthPointers(planConfig, { health: { notes: '' } })).toEqual([]);
  });

  it('is redacted completely, whatever the order of the pointers', () => {
    const data = plan();
    const redacted = redact(data, healthPointers(planConfig, data));
    expect(redacted.health).toBeUndefined();
    expect(redacted.needs).toEqual([{ area: 'work' }]);
    expect((redacted.goals as Json[]).map((g) => g.id)).toEqual(['g2']);
    expect(JSON.stringify(redacted)).not.toMatch(/Asthma|Rücken|Arzttermin|Reha/);
    expect(data.health).toEqual({ notes: 'Asthma' });
  });

  it('needs an active consent (server rule)', () => {
    expect(healthDataIssues(planConfig, plan())).toEqual([]);
    const withdrawn = withdrawConsent(plan(), { purpose: 'health', withdrawnAt: TODAY }).data;
    expect(healthDataIssues(planConfig, withdrawn).map((d) => d.pointer)).toEqual([
      '/health',
      '/needs/1',
      '/goals/0',
      '/goals/2',
    ]);
    expect(healthDataIssues(planConfig, redact(withdrawn, healthPointers(planConfig, withdrawn)))).toEqual(
      [],
    );
    // The form's own full sample is consistent with the rule.
    expect(healthDataIssues(planConfig, fullPlan as Json)).toEqual([]);
  });
});

describe('withdrawals are their own action', () => {
  const withConsent = (storage: Record<string, unknown>, sharing: Record<string, unknown>[] = []) => ({
    consent: { storage: { given: true, date: '2026-01-10', ...storage }, sharing },
  });

  it('refuses recording, changing or undoing a withdrawal by editing', () => {
    const before = withConsent({}, [{ id: 's1', body: 'Jobcenter', given: true, withdrawnAt: '2026-02-01' }]);
    expect(withdrawalEditIssues(before, before)).toEqual([]);
    expect(
      withdrawalEditIssues(before, withConsent({ withdrawnAt: '2026-03-01' }, before.consent.sharing)).map(
        (i) => i.pointer,
      ),
    ).toEqual(['/consent/storage/withdrawnAt']);
    expect(
      withdrawalEditIssues(before, withConsent({}, [{ id: 's1', body: 'Jobcenter', given: true }])).map(
        (i) => i.pointer,
      ),
    ).toEqual(['/consent/sharing/0/withdrawnAt']);
    expect(
      withdrawalEditIssues(
        before,
        withConsent({}, [{ id: 's1', body: 'Jobcenter', given: true, withdrawnAt: '2026-02-02' }]),
      ),
    ).toHaveLength(1);
  });

  it('lets a new plan transcribe earlier withdrawals, but not of the storage consent', () => {
    expect(
      withdrawalEditIssues(
        undefined,
        withConsent({}, [{ id: 's1', given: false, withdrawnAt: '2025-12-01' }]),
      ),
    ).toEqual([]);
    expect(withdrawalEditIssues(undefined, withConsent({ withdrawnAt: '2026-01-11' }))).toHaveLength(1);
  });
});
