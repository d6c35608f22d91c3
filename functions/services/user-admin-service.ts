import type { ChangeUserCommand, InviteCommand, UsersQuery } from '#api/schemas/users';
import { badRequest, conflict, forbidden, notFound } from '#core/errors';
import type { Actor, UserProfile } from '#core/model';
import { once } from '#core/once';
import {
  allowedUserActions,
  changeRefusal,
  GRANTABLE,
  grantableRoles,
  inviteRefusal,
  lastAdminRefusal,
  ownAccountRefusal,
  type UserAuditEntry,
  type UserChange,
  type UserState,
  usernameOf,
} from '#core/user-admin';
import type { Directory } from '#ports/directory';
import type { UserDirectory } from '#ports/user-directory';
import type { UserRecords } from '#ports/user-records';

export interface UserAdminDeps {
  records: UserRecords;
  /** Where people sign in (Cognito, or the local sign-in). */
  identities: UserDirectory;
  directory: Pick<Directory, 'getOrganisation'>;
  now: () => Date;
  newId: () => string;
}

const PAGE = 50;
const byName = once(() => new Intl.Collator('de', { sensitivity: 'base' }));
const order = (a: UserProfile, b: UserProfile) =>
  byName().compare(a.name, b.name) || a.sub.localeCompare(b.sub);

const stateOf = (u: UserProfile): UserState => ({
  name: u.name,
  email: u.email,
  role: u.role,
  org: u.org,
  active: u.active !== false,
});

const isActiveAdmin = (u: UserProfile) => u.role === 'admin' && u.active !== false;
/** Whether a change turns an active admin into something else (another role, or deactivated). */
const takesAdminAway = (before: UserProfile, after: UserProfile) =>
  isActiveAdmin(before) && !isActiveAdmin(after);

const managesUsers = (actor: Actor) => actor.roles.some((r) => GRANTABLE[r].length > 0);

/** The cursor of a page: the name and id of its last user (base64url JSON). */
const cursorOf = (u: UserProfile) => Buffer.from(JSON.stringify([u.name, u.sub])).toString('base64url');
function afterCursor(cursor: string): UserProfile {
  try {
    const [name, sub] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof name === 'string' && typeof sub === 'string') return { name, sub } as UserProfile;
  } catch {
    // answered below
  }
  throw badRequest('list.bad_cursor', 'The cursor is not valid for this list.');
}

/**
 * The user administration: who may invite and change whom is decided by the pure rules; the sign-in
 * (Cognito, or the local sign-in) carries it out; the profile and its audit entry are written together.
 * Nobody leaves the platform without an active admin, deactivates themselves or raises their own role.
 */
export class UserAdminService {
  constructor(private readonly deps: UserAdminDeps) {}

  /**
   * Users by name, paged. Admins see every organisation's (or one's, with `org`); coordinators and
   * municipality leads their own organisation's, with what they may do to each; managers their colleagues'
   * names and roles (to hand a plan over), active ones only.
   */
  async list(actor: Actor, query: UsersQuery) {
    const isAdmin = actor.roles.includes('admin');
    const manages = managesUsers(actor);
    if (!isAdmin && !actor.roles.some((r) => r === 'coordinator' || r === 'manager' || r === 'municipality'))
      throw forbidden('users.forbidden', 'Your role may not list users.');
    if (!isAdmin && query.org !== undefined && query.org !== actor.org)
      throw forbidden('users.other_organisation', 'You may only list users of your own organisation.');
    const org = isAdmin ? query.org : actor.org;
    const all = await this.deps.records.listAll();
    const after = query.cursor ? afterCursor(query.cursor) : undefined;
    const matching = all
      .filter((u) => (org === undefined || u.org === org) && (!query.role || u.role === query.role))
      .filter((u) => manages || u.active !== false)
      .sort(order)
      .filter((u) => !after || order(u, after) > 0);
    const limit = query.limit ?? PAGE;
    const page = matching.slice(0, limit);
    const items = page.map((u) =>
      manages
        ? { ...this.view(u), allowed: allowedUserActions(actor, u, all) }
        : { sub: u.sub, name: u.name, role: u.role },
    );
    return {
      items,
      ...(matching.length > limit && page.length ? { nextCursor: cursorOf(page[page.length - 1]!) } : {}),
      ...(manages ? { grantable: grantableRoles(actor) } : {}),
    };
  }

  /** Invites a user: the sign-in with its invitation, then the profile with its audit entry. */
  async invite(actor: Actor, command: InviteCommand) {
    const refusal = inviteRefusal(actor, command);
    if (refusal) throw forbidden(refusal, 'You may not invite this user.');
    await this.organisation(command.org);
    const invite = {
      username: usernameOf(command),
      name: command.name.trim(),
      email: command.email.trim(),
      role: command.role,
      org: command.org,
    };
    const { sub } = await this.deps.identities.invite(invite);
    const profile: UserProfile = { sub, ...invite, active: true };
    try {
      await this.deps.records.create(profile, this.entry(actor, sub, 'invite', undefined, profile));
    } catch (error) {
      // The sign-in exists but its profile does not: take it back, so no orphaned sign-in stays behind.
      await this.deps.identities.withdraw(invite.username).catch(() => undefined);
      throw error;
    }
    return {
      ...this.view(profile),
      allowed: allowedUserActions(actor, profile, await this.deps.records.listAll()),
    };
  }

  /** Changes a user's role or organisation, (de)activates them or resets their second factor; recorded. */
  async change(actor: Actor, sub: string, command: ChangeUserCommand) {
    const before = await this.deps.records.get(sub);
    if (!before) throw notFound('users.not_found', `There is no user ${sub}.`);
    const change: UserChange = command;
    const refusal = changeRefusal(actor, before, change) ?? ownAccountRefusal(actor, before, change);
    if (refusal) throw forbidden(refusal, 'You may not change this user so.');
    if (change.org !== undefined && change.org !== before.org) await this.organisation(change.org);
    const all = await this.deps.records.listAll();
    if (lastAdminRefusal(all, before, change))
      throw conflict('users.last_admin', 'The platform would be left without an active admin.');

    const after: UserProfile = {
      ...before,
      role: change.role ?? before.role,
      org: change.org ?? before.org,
      active: change.active ?? before.active !== false,
    };
    const roleChanged = after.role !== before.role;
    const orgChanged = after.org !== before.org;
    const activeChanged = after.active !== (before.active !== false);
    const reset = change.resetSecondFactor === true;
    if (!roleChanged && !orgChanged && !activeChanged && !reset)
      return { ...this.view(before), allowed: allowedUserActions(actor, before, all) };

    // A change that takes an active admin away holds only while another admin stays one (checked atomically
    // with the write): two admins stepping down at once cannot leave the platform without one. The profile is
    // written first, so that a change refused there never reaches the sign-in.
    const keeper = takesAdminAway(before, after)
      ? all.find((u) => u.sub !== sub && u.role === 'admin' && u.active !== false)?.sub
      : undefined;
    const entry = this.entry(actor, sub, 'change', before, after, reset ? { secondFactorReset: true } : {});
    await this.deps.records.update(before, after, entry, keeper);
    try {
      await this.carryOut(before, after, reset);
    } catch (error) {
      // The sign-in refused: put the profile back as it was (recorded as a change back), then report.
      await this.deps.records
        .update(after, before, this.entry(actor, sub, 'change', after, before))
        .catch(() => undefined);
      throw error;
    }
    const updated = all.map((u) => (u.sub === sub ? after : u));
    return { ...this.view(after), allowed: allowedUserActions(actor, after, updated) };
  }

  /** Carries a change out in the sign-in (Cognito, or the local sign-in). */
  private async carryOut(before: UserProfile, after: UserProfile, reset: boolean) {
    const { identities } = this.deps;
    const roleChanged = after.role !== before.role;
    const orgChanged = after.org !== before.org;
    if (roleChanged || orgChanged) {
      await identities.update(before.username, {
        ...(roleChanged ? { role: { from: before.role, to: after.role } } : {}),
        ...(orgChanged ? { org: after.org } : {}),
      });
    }
    if (after.active !== (before.active !== false))
      await identities.setActive(before.username, after.active !== false);
    if (reset) await identities.resetSecondFactor(before.username);
  }

  /** Every recorded change of a user, oldest first (admins). */
  async audit(actor: Actor, sub: string) {
    if (!actor.roles.includes('admin'))
      throw forbidden('users.audit_forbidden', 'Only admins see the change log of users.');
    if (!(await this.deps.records.get(sub))) throw notFound('users.not_found', `There is no user ${sub}.`);
    const items = await this.deps.records.audit(sub);
    return { items: items.sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id)) };
  }

  private async organisation(id: string) {
    if (!(await this.deps.directory.getOrganisation(id)))
      throw notFound('organisation.not_found', `There is no organisation ${id}.`);
  }

  private view(u: UserProfile) {
    return {
      sub: u.sub,
      name: u.name,
      role: u.role,
      username: u.username,
      email: u.email,
      org: u.org,
      active: u.active !== false,
    };
  }

  private entry(
    actor: Actor,
    sub: string,
    action: UserAuditEntry['action'],
    before: UserProfile | undefined,
    after: UserProfile,
    extra: Partial<UserAuditEntry> = {},
  ): UserAuditEntry {
    return {
      id: this.deps.newId(),
      sub,
      at: this.deps.now().toISOString(),
      by: { sub: actor.sub, name: actor.name },
      action,
      ...(before ? { before: stateOf(before) } : {}),
      after: stateOf(after),
      ...extra,
    };
  }
}
