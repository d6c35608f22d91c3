import { describe, expect, it } from 'vitest';
import { decideTransition } from '../../functions/core/workflow.ts';
import { funding, plan } from '../helpers/workflows.ts';

describe('decideTransition', () => {
  it('submits a draft or a returned submission into review, freezing a revision', () => {
    for (const status of ['draft', 'revised'] as const) {
      const out = decideTransition(funding, { status, amending: false }, 'submit');
      expect(out).toMatchObject({ from: status, to: 'review', freezesRevision: true, approves: false });
    }
  });

  it('approves and returns only what is in review', () => {
    expect(decideTransition(funding, { status: 'review', amending: false }, 'approve')).toMatchObject({
      to: 'approved',
      approves: true,
    });
    expect(
      decideTransition(
        funding,
        { status: 'review', amending: false },
        'return',
        'Bitte Stellenumfang prüfen',
      ),
    ).toMatchObject({ to: 'revised' });
    for (const status of ['draft', 'approved', 'revised'] as const) {
      expect(() => decideTransition(funding, { status, amending: false }, 'approve')).toThrowError(
        expect.objectContaining({ status: 409, code: 'workflow.action_not_allowed' }),
      );
    }
  });

  it('requires a non-empty comment to return', () => {
    for (const comment of [undefined, '', '   ']) {
      expect(() =>
        decideTransition(funding, { status: 'review', amending: false }, 'return', comment),
      ).toThrowError(expect.objectContaining({ status: 400, code: 'workflow.comment_required' }));
    }
  });

  it('amends only where the workflow allows it', () => {
    expect(decideTransition(plan, { status: 'approved', amending: false }, 'amend')).toMatchObject({
      to: 'draft',
      amending: true,
    });
    expect(() => decideTransition(funding, { status: 'approved', amending: false }, 'amend')).toThrowError(
      expect.objectContaining({ status: 409, code: 'workflow.amend_not_allowed' }),
    );
    expect(() => decideTransition(plan, { status: 'draft', amending: false }, 'amend')).toThrowError(
      expect.objectContaining({ status: 409 }),
    );
  });

  it('approves an amendment directly when amendments need no review', () => {
    expect(decideTransition(plan, { status: 'draft', amending: true }, 'submit')).toMatchObject({
      to: 'approved',
      approves: true,
      freezesRevision: true,
      amending: false,
    });
    const reviewed = { ...plan, amendNeedsReview: true };
    expect(decideTransition(reviewed, { status: 'draft', amending: true }, 'submit')).toMatchObject({
      to: 'review',
      approves: false,
    });
  });
});
