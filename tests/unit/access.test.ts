import { describe, expect, it } from 'vitest';
import { assertMayAct, assertMayStart, readAccess } from '../../functions/core/access.ts';
import type { WorkflowDefinition } from '../../functions/core/forms.ts';
import type { Actor, Role } from '../../functions/core/model.ts';
import { funding, plan } from '../helpers/workflows.ts';

/** A case form whose (editable) workflow file wrongly names the state reviewer and admin. */
const leakyPlan: WorkflowDefinition = {
  ...plan,
  start: ['manager', 'admin'],
  review: ['coordinator', 'reviewer'],
};

const actor = (role: Role, org: string, sub = `u-${role}-${org}`): Actor => ({
  sub,
  name: sub,
  roles: [role],
  org,
});
const application = { kind: 'funding' as const, org: 'kirchheim', revision: 1, submittedAt: '2026-01-01' };
const draftApplication = { ...application, revision: 0 };
const planOf = (assignedTo: string) => ({ kind: 'case' as const, org: 'kirchheim', assignedTo, revision: 1 });

describe('read access', () => {
  it('municipalities see their own organisation only', () => {
    expect(readAccess(actor('municipality', 'kirchheim'), funding, application)).toBe('working');
    expect(readAccess(actor('municipality', 'notzingen'), funding, application)).toBe(false);
  });

  it('reviewers see submitted applications of every organisation as snapshots, never drafts', () => {
    expect(readAccess(actor('reviewer', 'rp'), funding, application)).toBe('snapshot');
    expect(readAccess(actor('reviewer', 'rp'), funding, draftApplication)).toBe(false);
  });

  it('never lets reviewers or admins see case data, whatever the workflow file says', () => {
    for (const wf of [plan, leakyPlan]) {
      expect(readAccess(actor('reviewer', 'kirchheim'), wf, planOf('m1'))).toBe(false);
      expect(readAccess(actor('admin', 'kirchheim'), wf, planOf('m1'))).toBe(false);
    }
    expect(() => assertMayStart(actor('admin', 'kirchheim'), leakyPlan)).toThrowError(
      expect.objectContaining({ status: 403 }),
    );
  });

  it('managers see plans assigned to them; coordinators all plans of their organisation', () => {
    expect(readAccess(actor('manager', 'kirchheim', 'm1'), plan, planOf('m1'))).toBe('working');
    expect(readAccess(actor('manager', 'kirchheim', 'm2'), plan, planOf('m1'))).toBe(false);
    expect(readAccess(actor('coordinator', 'kirchheim'), plan, planOf('m1'))).toBe('working');
    expect(readAccess(actor('coordinator', 'plochingen'), plan, planOf('m1'))).toBe(false);
  });

  it('admins see no submission', () => {
    expect(readAccess(actor('admin', 'kirchheim'), funding, application)).toBe(false);
  });
});

describe('acting', () => {
  it('404 when invisible, 403 when the role may not act', () => {
    expect(() =>
      assertMayAct(actor('municipality', 'notzingen'), funding, application, 'submit'),
    ).toThrowError(expect.objectContaining({ status: 404 }));
    expect(() =>
      assertMayAct(actor('municipality', 'kirchheim'), funding, application, 'approve'),
    ).toThrowError(expect.objectContaining({ status: 403 }));
    expect(() => assertMayAct(actor('reviewer', 'rp'), funding, application, 'save')).toThrowError(
      expect.objectContaining({ status: 403 }),
    );
    expect(() => assertMayAct(actor('reviewer', 'rp'), funding, application, 'approve')).not.toThrow();
    expect(() =>
      assertMayAct(actor('coordinator', 'kirchheim'), plan, planOf('m1'), 'approve'),
    ).not.toThrow();
    expect(() => assertMayAct(actor('coordinator', 'kirchheim'), plan, planOf('m1'), 'submit')).toThrowError(
      expect.objectContaining({ status: 403 }),
    );
  });

  it("only the kind's starters may start, bounded by the workflow", () => {
    expect(() => assertMayStart(actor('manager', 'kirchheim'), funding)).toThrowError(
      expect.objectContaining({ status: 403 }),
    );
    expect(() => assertMayStart(actor('municipality', 'kirchheim'), funding)).not.toThrow();
    expect(() => assertMayStart(actor('manager', 'kirchheim'), plan)).not.toThrow();
  });
});
