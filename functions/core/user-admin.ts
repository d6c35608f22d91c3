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

/** Why a change would leave the platform without an active admin; undefined if at least one stays. */
export function lastAdminRefusal(
  users: ReadonlyArray<ManagedUser & { active?: boolean }>,
  target: ManagedUser & { active?: boolean },
  change: UserChange,
): 'users.last_admin' | undefined {
  const isActiveAdmin = (u: { role: Role; active?: boolean }) => u.role === 'admin' && u.active !== false;
  if (!isActiveAdmin(target)) return undefined;
  const after = { role: change.role ?? target.role, active: change.active ?? target.active };
  if (isActiveAdmin(after)) return undefined;
  const others = users.filter((u) => u.sub !== target.sub && isActiveAdmin(u));
  return others.length === 0 ? 'users.last_admin' : undefined;
}

/**
 * Why `actor` may not change their own account this way; undefined if allowed. Nobody deactivates
 * themselves or raises their own role (the role rules above already stop a role beyond one's rank; this also
 * stops a lateral move to a role one could not have been given).
 */
export function ownAccountRefusal(
  actor: Actor,
  target: ManagedUser,
  change: UserChange,
): 'users.own_account' | undefined {
  if (target.sub !== actor.sub) return undefined;
  if (change.active === false) return 'users.own_account';
  if (change.role !== undefined && change.role !== target.role && RANK[change.role] > rankOf(actor))
    return 'users.own_account';
  return undefined;
}

/** A user's state as the audit records it, before and after a change. */
export interface UserState {
  name: string;
  email: string;
  role: Role;
  org: string;
  active: boolean;
}

/** One recorded change of a user (Benutzerverwaltung-Protokoll): who, when, what. */
export interface UserAuditEntry {
  id: string;
  /** The user changed. */
  sub: string;
  at: string;
  by: { sub: string; name: string };
  action: 'invite' | 'change';
  /** Absent for an invitation. */
  before?: UserState;
  after: UserState;
  /** Whether the second factor was reset (the user sets it up again at the next sign-in). */
  secondFactorReset?: boolean;
}

/** What an invitation names: the sign-in name, the person, their role and organisation. */
export interface UserInvite {
  username: string;
  name: string;
  email: string;
  role: Role;
  org: string;
}

/** The sign-in name of an invitation: as given, else the e-mail address (lower case). */
export const usernameOf = (invite: { username?: string; email: string }) =>
  (invite.username ?? invite.email).trim().toLowerCase();

/** The roles `actor` may grant, in the order of `GRANTABLE.admin` (for the invitation form and the role select). */
export const grantableRoles = (actor: Actor): Role[] =>
  GRANTABLE.admin.filter((role) => grantable(actor, role));

/** What the caller may do to one user: the UI offers exactly these. */
export const USER_ACTIONS = [
  'changeRole',
  'changeOrg',
  'deactivate',
  'activate',
  'resetSecondFactor',
] as const;
export type UserAction = (typeof USER_ACTIONS)[number];

/** The actions `actor` may take on `target`, by the same rules that refuse them (`users` for the last-admin rule). */
export function allowedUserActions(
  actor: Actor,
  target: ManagedUser & { active?: boolean },
  users: ReadonlyArray<ManagedUser & { active?: boolean }>,
): UserAction[] {
  const may = (change: UserChange) =>
    !changeRefusal(actor, target, change) &&
    !ownAccountRefusal(actor, target, change) &&
    !lastAdminRefusal(users, target, change);
  const actions: UserAction[] = [];
  if (grantableRoles(actor).some((role) => role !== target.role && may({ role }))) actions.push('changeRole');
  if (actor.roles.includes('admin') && may({ org: `${target.org}\u0000other` })) actions.push('changeOrg');
  if (target.active === false) {
    if (may({ active: true })) actions.push('activate');
  } else if (may({ active: false })) actions.push('deactivate');
  if (may({ resetSecondFactor: true })) actions.push('resetSecondFactor');
  return actions;
}
