import type { Role } from '#core/model';
import type { UserInvite } from '#core/user-admin';

/**
 * Where people sign in: in AWS the Cognito user pool (an invitation mail with a temporary password, MFA at the
 * first sign-in), locally the directory behind the local sign-in. The user administration decides; this
 * carries the decision out. Errors: `users.exists` (409) if the sign-in name is taken, `users.not_found` (404)
 * if the sign-in is unknown.
 */
export interface UserDirectory {
  /** Creates the sign-in and sends the invitation; answers the user's stable id. */
  invite(invite: UserInvite): Promise<{ sub: string }>;
  /** Takes back a sign-in just created whose profile could not be stored (nothing is left half-made). */
  withdraw(username: string): Promise<void>;
  /** Moves the sign-in to another role (group) and/or organisation; takes effect at the next sign-in. */
  update(username: string, change: { role?: { from: Role; to: Role }; org?: string }): Promise<void>;
  /** Deactivates (no sign-in, sessions ended) or reactivates a sign-in. */
  setActive(username: string, active: boolean): Promise<void>;
  /** Removes the second factor: the user sets up a new one at the next sign-in. */
  resetSecondFactor(username: string): Promise<void>;
  /** Records an e-mail address the platform has verified (by the code mailed to it) on the sign-in. */
  setEmail(username: string, email: string): Promise<void>;
}
