import { describe, expect, it } from 'vitest';
import { allowedActions } from '../../functions/core/access.ts';
import type { HistoryEvent, Submission } from '../../functions/core/model.ts';
import { outboxEventFor } from '../../functions/core/notifications.ts';
import { decideTransition, possibleActions } from '../../functions/core/workflow.ts';
import { funding, plan } from '../helpers/workflows.ts';

const state = (
  status: Submission['status'],
  extra: Partial<Parameters<typeof decideTransition>[1]> = {},
) => ({
  status,
  amending: false,
  ...extra,
});
const code = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return 'accepted';
};

describe('reject, withdraw, revoke in the workflow', () => {
  it('refuses from review with reasons, revokes an approval with reasons', () => {
    expect(decideTransition(funding, state('review'), 'reject', 'Gründe').to).toBe('rejected');
    expect(code(() => decideTransition(funding, state('review'), 'reject', '  '))).toBe(
      'workflow.comment_required',
    );
    expect(decideTransition(funding, state('approved'), 'revoke', 'Gründe').to).toBe('revoked');
    expect(code(() => decideTransition(funding, state('approved'), 'revoke'))).toBe(
      'workflow.comment_required',
    );
    expect(code(() => decideTransition(funding, state('draft'), 'reject', 'x'))).toBe(
      'workflow.action_not_allowed',
    );
  });

  it('withdraws before the decision only, and never an amendment of an approved one', () => {
    for (const s of ['draft', 'revised', 'review'] as const)
      expect(decideTransition(funding, state(s), 'withdraw').to).toBe('withdrawn');
    for (const s of ['approved', 'rejected', 'withdrawn', 'revoked'] as const)
      expect(code(() => decideTransition(funding, state(s), 'withdraw'))).toBe('workflow.action_not_allowed');
    expect(code(() => decideTransition(funding, state('draft', { amending: true }), 'withdraw'))).toBe(
      'workflow.action_not_allowed',
    );
  });

  it('offers none of them for plans', () => {
    for (const s of ['draft', 'review', 'approved'] as const)
      expect(possibleActions(plan, state(s))).not.toEqual(expect.arrayContaining(['reject']));
    expect(code(() => decideTransition(plan, state('review'), 'reject', 'x'))).toBe(
      'workflow.action_not_allowed',
    );
    expect(code(() => decideTransition(plan, state('draft'), 'withdraw'))).toBe(
      'workflow.action_not_allowed',
    );
  });

  it('ends in states nothing leads out of', () => {
    for (const s of ['rejected', 'withdrawn', 'revoked'] as const)
      expect(possibleActions(funding, state(s))).toEqual([]);
  });
});

describe('four-eyes in the workflow', () => {
  const fourEyes = { ...funding, fourEyes: true };
  const proposal = { action: 'approve' as const };

  it('turns approve and reject into proposals that keep the state', () => {
    expect(decideTransition(fourEyes, state('review'), 'approve')).toMatchObject({
      to: 'review',
      fourEyes: 'propose',
    });
    expect(decideTransition(fourEyes, state('review'), 'reject', 'x')).toMatchObject({
      to: 'review',
      fourEyes: 'propose',
    });
  });

  it('confirms into the proposed action, discards, and refuses a second proposal', () => {
    expect(decideTransition(fourEyes, state('review', { proposal }), 'confirm')).toMatchObject({
      action: 'approve',
      to: 'approved',
      approves: true,
      fourEyes: 'confirm',
    });
    expect(
      decideTransition(fourEyes, state('review', { proposal: { action: 'reject' } }), 'confirm'),
    ).toMatchObject({ to: 'rejected' });
    expect(decideTransition(fourEyes, state('review', { proposal }), 'discard')).toMatchObject({
      to: 'review',
    });
    expect(code(() => decideTransition(fourEyes, state('review', { proposal }), 'approve'))).toBe(
      'workflow.proposal_pending',
    );
    expect(code(() => decideTransition(fourEyes, state('review'), 'confirm'))).toBe('workflow.no_proposal');
    expect(code(() => decideTransition(funding, state('review', { proposal }), 'confirm'))).toBe(
      'workflow.no_proposal',
    );
  });

  it('offers confirm to every reviewer but the proposer', () => {
    const sub = {
      kind: 'funding' as const,
      org: 'kirchheim',
      revision: 1,
      status: 'review' as const,
      proposal: {
        action: 'approve' as const,
        proposedBy: { sub: 'r1', name: 'R1' },
        proposedAt: '2026-03-02T09:00:00Z',
      },
    };
    const reviewer = (sub: string) => ({ sub, name: sub, roles: ['reviewer' as const], org: 'rp' });
    expect(allowedActions(reviewer('r1'), fourEyes, sub)).toEqual(['return', 'discard']);
    expect(allowedActions(reviewer('r2'), fourEyes, sub)).toEqual(['return', 'confirm', 'discard']);
  });
});

describe('notifications of decisions', () => {
  const sub = {
    id: 'S1',
    formId: 'funding-application',
    kind: 'funding',
    org: 'kirchheim',
    members: ['notzingen'],
  } as Submission;
  const event = (fields: Partial<HistoryEvent>): HistoryEvent => ({
    submissionId: 'S1',
    version: 5,
    type: 'transition',
    at: '2026-03-02T09:00:00Z',
    actor: { sub: 'r1', name: 'R1' },
    role: 'reviewer',
    ...fields,
  });

  it('tells the applicants and members of a refusal and a revocation', () => {
    for (const [action, type] of [
      ['reject', 'application.rejected'],
      ['revoke', 'application.revoked'],
    ] as const) {
      const out = outboxEventFor({ submission: sub, event: event({ action }) });
      expect(out?.type).toBe(type);
      expect(out?.audience).toEqual([
        { kind: 'org-role', org: 'kirchheim', role: 'municipality' },
        { kind: 'org-role', org: 'notzingen', role: 'municipality' },
      ]);
    }
  });

  it('tells the reviewers of a withdrawal from review only, and of a proposal to confirm', () => {
    expect(
      outboxEventFor({ submission: sub, event: event({ action: 'withdraw', from: 'review' }) })?.type,
    ).toBe('application.withdrawn');
    expect(
      outboxEventFor({ submission: sub, event: event({ action: 'withdraw', from: 'draft' }) }),
    ).toBeUndefined();
    expect(
      outboxEventFor({ submission: sub, event: event({ type: 'proposal', action: 'approve' }) }),
    ).toMatchObject({
      type: 'decision.proposed',
      audience: [{ kind: 'reviewers' }],
    });
    expect(
      outboxEventFor({ submission: sub, event: event({ type: 'proposal', action: 'discard' }) }),
    ).toBeUndefined();
  });
});
