/** Who may manage which users. */
import { describe, expect, it } from 'vitest';
import type { Actor, Role } from '../../functions/core/model.ts';
import { changeRefusal, inviteRefusal } from '../../functions/core/user-admin.ts';

const actor = (role: Role, org = 'kirchheim-unter-teck', sub = `u-${role}`): Actor => ({
  sub,
  name: role,
  roles: [role],
  org,
});
const user = (role: Role, org = 'kirchheim-unter-teck', sub = `t-${role}`) => ({ sub, org, role });

describe('inviting', () => {
  it('lets admins invite any role anywhere', () => {
    for (const role of ['municipality', 'manager', 'coordinator', 'reviewer', 'admin'] as const) {
      expect(inviteRefusal(actor('admin', 'rp-stuttgart'), { org: 'plochingen', role })).toBeUndefined();
    }
  });
  it('lets coordinators and municipality leads invite in their own organisation, in their roles only', () => {
    expect(
      inviteRefusal(actor('coordinator'), { org: 'kirchheim-unter-teck', role: 'manager' }),
    ).toBeUndefined();
    expect(inviteRefusal(actor('coordinator'), { org: 'plochingen', role: 'manager' })).toBe(
      'users.other_organisation',
    );
    expect(inviteRefusal(actor('coordinator'), { org: 'kirchheim-unter-teck', role: 'reviewer' })).toBe(
      'users.role_not_grantable',
    );
    expect(inviteRefusal(actor('municipality'), { org: 'kirchheim-unter-teck', role: 'admin' })).toBe(
      'users.role_not_grantable',
    );
    expect(
      inviteRefusal(actor('municipality'), { org: 'kirchheim-unter-teck', role: 'municipality' }),
    ).toBeUndefined();
  });
  it('lets managers and reviewers invite nobody', () => {
    expect(inviteRefusal(actor('manager'), { org: 'kirchheim-unter-teck', role: 'manager' })).toBe(
      'users.manage_forbidden',
    );
    expect(inviteRefusal(actor('reviewer', 'rp-stuttgart'), { org: 'rp-stuttgart', role: 'reviewer' })).toBe(
      'users.manage_forbidden',
    );
  });
});

describe('changing', () => {
  it('lets a coordinator deactivate a manager of its organisation, not one elsewhere or a municipality lead', () => {
    expect(changeRefusal(actor('coordinator'), user('manager'), { active: false })).toBeUndefined();
    expect(changeRefusal(actor('coordinator'), user('manager', 'plochingen'), { active: false })).toBe(
      'users.other_organisation',
    );
    expect(changeRefusal(actor('coordinator'), user('municipality'), { active: false })).toBe(
      'users.role_not_grantable',
    );
  });
  it('keeps moves between organisations and second-factor resets to admins', () => {
    expect(changeRefusal(actor('coordinator'), user('manager'), { org: 'plochingen' })).toBe(
      'users.other_organisation',
    );
    expect(changeRefusal(actor('coordinator'), user('manager'), { resetSecondFactor: true })).toBe(
      'users.manage_forbidden',
    );
    expect(
      changeRefusal(actor('admin', 'rp-stuttgart'), user('manager'), { org: 'plochingen' }),
    ).toBeUndefined();
  });
  it('refuses anyone to change their own organisation or to grant above their own role', () => {
    const admin = actor('admin', 'rp-stuttgart', 'u-admin');
    expect(
      changeRefusal(admin, { sub: 'u-admin', org: 'rp-stuttgart', role: 'admin' }, { org: 'plochingen' }),
    ).toBe('users.own_organisation');
    expect(changeRefusal(actor('coordinator'), user('manager'), { role: 'reviewer' })).toBe(
      'users.role_not_grantable',
    );
    expect(changeRefusal(actor('coordinator'), user('manager'), { role: 'coordinator' })).toBeUndefined();
    expect(changeRefusal(admin, user('manager'), { role: 'reviewer' })).toBeUndefined();
  });
});
