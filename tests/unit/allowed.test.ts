import { describe, expect, it } from 'vitest';
import { allowedActions, assertMayAct } from '../../functions/core/access.ts';
import type { WorkflowDefinition } from '../../functions/core/forms.ts';
import { ACTIONS, type Actor, ROLES, STATUSES, type Status } from '../../functions/core/model.ts';
import { decideTransition } from '../../functions/core/workflow.ts';
import { funding, plan } from '../helpers/workflows.ts';

const actor = (role: Actor['roles'][number], org: string, sub = `u-${role}-${org}`): Actor => ({
  sub,
  name: sub,
  roles: [role],
  org,
});

/** Whether the rules the use cases enforce let the caller take the action (no I/O: access and workflow). */
function permitted(
  a: Actor,
  workflow: WorkflowDefinition,
  sub: Parameters<typeof allowedActions>[2],
  action: string,
) {
  try {
    if (action === 'save') {
      assertMayAct(a, workflow, sub, 'save');
      return sub.status === 'draft' || sub.status === 'revised';
    }
    assertMayAct(a, workflow, sub, action as (typeof ACTIONS)[number]);
    decideTransition(
      workflow,
      { status: sub.status, amending: false },
      action as (typeof ACTIONS)[number],
      'ok',
    );
    return true;
  } catch {
    return false;
  }
}

describe('allowed actions', () => {
  const subjects = (status: Status) => [
    {
      wf: funding,
      sub: { kind: 'funding' as const, org: 'kirchheim', revision: 1, status, members: ['notzingen'] },
    },
    { wf: plan, sub: { kind: 'case' as const, org: 'kirchheim', assignedTo: 'm1', revision: 1, status } },
  ];
  const callers = [
    ...ROLES.map((r) => actor(r, 'kirchheim')),
    ...ROLES.map((r) => actor(r, 'notzingen')),
    actor('manager', 'kirchheim', 'm1'),
    actor('reviewer', 'rp'),
  ];

  it('offer save and every transition exactly when the server would accept them', () => {
    let offered = 0;
    for (const status of STATUSES)
      for (const { wf, sub } of subjects(status))
        for (const a of callers) {
          const allowed = allowedActions(a, wf, sub);
          for (const action of ['save', ...ACTIONS]) {
            const expected = permitted(a, wf, sub, action);
            expect({
              status,
              kind: sub.kind,
              a: a.sub,
              action,
              offered: allowed.includes(action as never),
            }).toEqual({
              status,
              kind: sub.kind,
              a: a.sub,
              action,
              offered: expected,
            });
            if (expected) offered++;
          }
        }
    expect(offered).toBeGreaterThan(5);
  });

  it('offers a member municipality of a joint application nothing to change', () => {
    for (const status of STATUSES)
      expect(allowedActions(actor('municipality', 'notzingen'), funding, subjects(status)[0]!.sub)).toEqual(
        [],
      );
  });

  it('lets the plan manager edit, upload and record withdrawals; the coordinator assign and approve', () => {
    const draft = subjects('draft')[1]!.sub;
    expect(allowedActions(actor('manager', 'kirchheim', 'm1'), plan, draft)).toEqual([
      'save',
      'submit',
      'upload',
      'withdrawConsent',
    ]);
    const review = subjects('review')[1]!.sub;
    expect(allowedActions(actor('coordinator', 'kirchheim'), plan, review)).toEqual(
      expect.arrayContaining(['approve', 'return', 'assign', 'withdrawConsent']),
    );
  });

  it('offers nothing on a locked plan and nothing to whom cannot see it', () => {
    const locked = { ...subjects('draft')[1]!.sub, locked: true };
    expect(allowedActions(actor('manager', 'kirchheim', 'm1'), plan, locked)).toEqual([]);
    expect(allowedActions(actor('reviewer', 'rp'), plan, subjects('review')[1]!.sub)).toEqual([]);
  });
});
