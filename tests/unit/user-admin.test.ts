/** Who may manage which users. */
import { describe, expect, it } from 'vitest';
import type { Actor, Role } from '../../functions/core/model.ts';
import {
  allowedUserActions,
  changeRefusal,
  grantableRoles,
  inviteRefusal,
  lastAdminRefusal,
  ownAccountRefusal,
  usernameOf,
} from '../../functions/core/user-admin.ts';

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

describe('the last admin', () => {
  const a1 = { sub: 'a1', org: 'rp-stuttgart', role: 'admin' as const };
  const a2 = { sub: 'a2', org: 'rp-stuttgart', role: 'admin' as const };
  it('may not be deactivated or moved to another role while no other admin is active', () => {
    expect(lastAdminRefusal([a1], a1, { active: false })).toBe('users.last_admin');
    expect(lastAdminRefusal([a1], a1, { role: 'reviewer' })).toBe('users.last_admin');
    expect(lastAdminRefusal([a1, { ...a2, active: false }], a1, { active: false })).toBe('users.last_admin');
  });
  it('may be once another admin is active, and any other change stays allowed', () => {
    expect(lastAdminRefusal([a1, a2], a1, { active: false })).toBeUndefined();
    expect(lastAdminRefusal([a1], a1, { role: 'admin', active: true })).toBeUndefined();
    expect(lastAdminRefusal([a1], user('manager'), { active: false })).toBeUndefined();
  });
});

describe("one's own account", () => {
  it("cannot be deactivated by oneself, nor one's role raised", () => {
    const coordinator = actor('coordinator', 'kirchheim-unter-teck', 'me');
    const me = { sub: 'me', org: 'kirchheim-unter-teck', role: 'coordinator' as const };
    expect(ownAccountRefusal(coordinator, me, { active: false })).toBe('users.own_account');
    expect(ownAccountRefusal(coordinator, me, { role: 'admin' })).toBe('users.own_account');
    expect(ownAccountRefusal(coordinator, me, { role: 'manager' })).toBeUndefined();
    expect(ownAccountRefusal(coordinator, user('manager'), { active: false })).toBeUndefined();
  });
});

describe('what the UI offers', () => {
  it('lists the grantable roles of each role', () => {
    expect(grantableRoles(actor('admin'))).toEqual([
      'municipality',
      'manager',
      'coordinator',
      'reviewer',
      'admin',
    ]);
    expect(grantableRoles(actor('coordinator'))).toEqual(['manager', 'coordinator']);
    expect(grantableRoles(actor('manager'))).toEqual([]);
  });
  it('offers exactly the actions the rules allow', () => {
    const admin = actor('admin', 'rp-stuttgart', 'a1');
    const self = { sub: 'a1', org: 'rp-stuttgart', role: 'admin' as const };
    const manager = user('manager');
    expect(allowedUserActions(admin, manager, [self, manager])).toEqual([
      'changeRole',
      'changeOrg',
      'deactivate',
      'resetSecondFactor',
    ]);
    // The only admin, on themselves: no role change (last admin), no move, no deactivation.
    expect(allowedUserActions(admin, self, [self])).toEqual(['resetSecondFactor']);
    expect(allowedUserActions(actor('coordinator'), { ...manager, active: false }, [])).toEqual([
      'changeRole',
      'activate',
    ]);
    expect(allowedUserActions(actor('coordinator'), user('municipality'), [])).toEqual([]);
  });
  it('takes the e-mail address as sign-in name unless one is given', () => {
    expect(usernameOf({ email: ' Anna.Mueller@Example.org ' })).toBe('anna.mueller@example.org');
    expect(usernameOf({ username: 'A.Mueller', email: 'x@example.org' })).toBe('a.mueller');
  });
});
