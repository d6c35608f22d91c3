/**
 * Who may manage which users: pure rules for inviting, changing and deactivating users. Admins manage every
 * user; coordinators and municipality leads invite, deactivate and reactivate users of their own
 * organisation in the roles they may grant; nobody grants a role above their own or changes their own
 * organisation. The directory (locally) or the user pool (in AWS) carries the change out; this only decides.
 */
import type { Actor, Role } from './model.ts';

/** The roles each role may grant (invite into or change to). */
export const GRANTABLE: Readonly<Record<Role, readonly Role[]>> = {
  admin: ['municipality', 'manager', 'coordinator', 'reviewer', 'admin'],
  coordinator: ['manager', 'coordinator'],
  municipality: ['municipality'],
  reviewer: [],
  manager: [],
};

/** How far a role reaches: nobody grants a role ranked above their own. */
const RANK: Readonly<Record<Role, number>> = {
  manager: 1,
  municipality: 2,
  coordinator: 2,
  reviewer: 3,
  admin: 4,
};

/** A user as far as the rules need: organisation, role and whether the account is active. */
export interface ManagedUser {
  sub: string;
  org: string;
  role: Role;
}

/** One change of a user; `undefined` fields stay as they are. */
export interface UserChange {
  role?: Role;
  org?: string;
  active?: boolean;
  resetSecondFactor?: boolean;
}

export type UserAdminRefusal =
  | 'users.manage_forbidden'
  | 'users.role_not_grantable'
  | 'users.other_organisation'
  | 'users.own_organisation';

const rankOf = (actor: Actor) => Math.max(0, ...actor.roles.map((r) => RANK[r]));
const grantable = (actor: Actor, role: Role) =>
  RANK[role] <= rankOf(actor) && actor.roles.some((r) => GRANTABLE[r].includes(role));

/** Why `actor` may not invite a user with `role` into `org`; undefined if allowed. */
export function inviteRefusal(
  actor: Actor,
  invite: { org: string; role: Role },
): UserAdminRefusal | undefined {
  if (!actor.roles.some((r) => GRANTABLE[r].length > 0)) return 'users.manage_forbidden';
  if (!grantable(actor, invite.role)) return 'users.role_not_grantable';
  if (!actor.roles.includes('admin') && invite.org !== actor.org) return 'users.other_organisation';
  return undefined;
}

/** Why `actor` may not apply `change` to `target`; undefined if allowed. */
export function changeRefusal(
  actor: Actor,
  target: ManagedUser,
  change: UserChange,
): UserAdminRefusal | undefined {
  const isAdmin = actor.roles.includes('admin');
  if (!actor.roles.some((r) => GRANTABLE[r].length > 0)) return 'users.manage_forbidden';
  if (change.org !== undefined && change.org !== target.org && target.sub === actor.sub)
    return 'users.own_organisation';
  if (!isAdmin) {
    if (target.org !== actor.org) return 'users.other_organisation';
    // Coordinators and municipality leads manage only users in roles they could have granted.
    if (!grantable(actor, target.role)) return 'users.role_not_grantable';
    if (change.org !== undefined && change.org !== target.org) return 'users.other_organisation';
    if (change.resetSecondFactor) return 'users.manage_forbidden';
  }
  if (change.role !== undefined && change.role !== target.role && !grantable(actor, change.role))
    return 'users.role_not_grantable';
  return undefined;
}
