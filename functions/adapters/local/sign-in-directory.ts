import { createHash } from 'node:crypto';
import { conflict, notFound } from '#core/errors';
import type { UserInvite } from '#core/user-admin';
import type { UserDirectory } from '#ports/user-directory';

/** What the local sign-in reads: the profiles themselves (`POST /local/login` finds a user by sign-in name). */
export interface LocalProfiles {
  listAll(): Promise<Array<{ username: string; email: string }>>;
}

/**
 * The directory behind the local sign-in. Locally a user signs in with their sign-in name alone and the
 * token carries the role and organisation of their profile, refused once the profile is deactivated; so
 * the profile the user administration writes is the whole sign-in, and there is nothing to change beyond it.
 * What this adapter owns is the sign-in name: unique, and the stable id made from it.
 */
export class LocalSignInDirectory implements UserDirectory {
  constructor(private readonly profiles: LocalProfiles) {}

  async invite(invite: UserInvite) {
    const users = await this.profiles.listAll();
    if (users.some((u) => u.username === invite.username))
      throw conflict('users.exists', `The sign-in name ${invite.username} is taken.`);
    if (users.some((u) => u.email.toLowerCase() === invite.email.toLowerCase()))
      throw conflict('users.exists', `A user with the e-mail address ${invite.email} exists.`);
    // Readable like the demo users' ids while short enough for a path segment; else a digest of the name.
    const sub =
      invite.username.length <= 62
        ? `u-${invite.username}`
        : `u-${createHash('sha256').update(invite.username).digest('hex').slice(0, 40)}`;
    return { sub };
  }

  /** Locally the sign-in is the profile itself: an invitation whose profile was not stored left nothing. */
  async withdraw(_username: string) {}

  /** Locally the sign-in reads the profile, which the caller updates. */
  async setEmail(_username: string, _email: string) {}

  async update(username: string) {
    await this.known(username);
  }

  async setActive(username: string) {
    await this.known(username);
  }

  async resetSecondFactor(username: string) {
    // The local sign-in has no second factor.
    await this.known(username);
  }

  private async known(username: string) {
    if (!(await this.profiles.listAll()).some((u) => u.username === username))
      throw notFound('users.not_found', `There is no sign-in ${username}.`);
  }
}
