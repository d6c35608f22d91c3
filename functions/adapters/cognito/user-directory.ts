import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminSetUserMFAPreferenceCommand,
  AdminUpdateUserAttributesCommand,
  AdminUserGlobalSignOutCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { AppError } from '#core/errors';
import type { Role } from '#core/model';
import type { UserInvite } from '#core/user-admin';
import type { UserDirectory } from '#ports/user-directory';

/** Cognito's answers that mean "not so" (the caller's problem), as the platform's codes. */
function translated(error: unknown, username: string): unknown {
  const name = (error as { name?: string })?.name;
  if (name === 'UsernameExistsException' || name === 'AliasExistsException')
    return new AppError(409, 'users.exists', `The sign-in ${username} or its e-mail address is taken.`, {
      cause: error,
    });
  if (name === 'UserNotFoundException')
    return new AppError(404, 'users.not_found', `There is no sign-in ${username}.`, { cause: error });
  return error;
}

/**
 * The Cognito user pool as the user directory. Roles are the pool's groups (the ID token's
 * `cognito:groups`), the organisation the attribute `custom:org`. An invitation mail with a temporary password
 * goes out from Cognito; the pool requires MFA, so the user sets up an authenticator app at the first sign-in.
 */
export class CognitoUserDirectory implements UserDirectory {
  constructor(
    private readonly client: CognitoIdentityProviderClient,
    private readonly userPoolId: string,
  ) {}

  private async send<T>(username: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw translated(error, username);
    }
  }

  async invite(invite: UserInvite) {
    const created = await this.send(invite.username, () =>
      this.client.send(
        new AdminCreateUserCommand({
          UserPoolId: this.userPoolId,
          Username: invite.username,
          UserAttributes: [
            { Name: 'email', Value: invite.email },
            { Name: 'email_verified', Value: 'true' },
            { Name: 'name', Value: invite.name },
            { Name: 'custom:org', Value: invite.org },
          ],
          DesiredDeliveryMediums: ['EMAIL'],
        }),
      ),
    );
    const sub = created.User?.Attributes?.find((a) => a.Name === 'sub')?.Value;
    try {
      if (!sub) throw new Error('Cognito returned no sub for the new user.');
      await this.addToGroup(invite.username, invite.role);
    } catch (error) {
      // No half-made sign-in: a user without its group is taken back before the error goes on.
      await this.withdraw(invite.username).catch(() => undefined);
      throw error;
    }
    return { sub };
  }

  async setEmail(username: string, email: string) {
    await this.send(username, () =>
      this.client.send(
        new AdminUpdateUserAttributesCommand({
          UserPoolId: this.userPoolId,
          Username: username,
          UserAttributes: [
            { Name: 'email', Value: email },
            // Verified by the platform's own code, mailed to the address.
            { Name: 'email_verified', Value: 'true' },
          ],
        }),
      ),
    );
  }

  async withdraw(username: string) {
    try {
      await this.client.send(new AdminDeleteUserCommand({ UserPoolId: this.userPoolId, Username: username }));
    } catch (error) {
      // Already gone is what was asked for.
      if ((error as { name?: string }).name !== 'UserNotFoundException') throw error;
    }
  }

  async update(username: string, change: { role?: { from: Role; to: Role }; org?: string }) {
    if (change.org !== undefined) {
      const org = change.org;
      await this.send(username, () =>
        this.client.send(
          new AdminUpdateUserAttributesCommand({
            UserPoolId: this.userPoolId,
            Username: username,
            UserAttributes: [{ Name: 'custom:org', Value: org }],
          }),
        ),
      );
    }
    if (change.role && change.role.from !== change.role.to) {
      // Into the new group first: a failure in between leaves the user with both roles' groups, never none.
      await this.addToGroup(username, change.role.to);
      const from = change.role.from;
      await this.send(username, () =>
        this.client.send(
          new AdminRemoveUserFromGroupCommand({
            UserPoolId: this.userPoolId,
            Username: username,
            GroupName: from,
          }),
        ),
      );
    }
  }

  async setActive(username: string, active: boolean) {
    const input = { UserPoolId: this.userPoolId, Username: username };
    if (active) {
      await this.send(username, () => this.client.send(new AdminEnableUserCommand(input)));
      return;
    }
    await this.send(username, () => this.client.send(new AdminDisableUserCommand(input)));
    // Ends the sessions too: no refresh token of a deactivated user gets a new ID token.
    await this.send(username, () => this.client.send(new AdminUserGlobalSignOutCommand(input)));
  }

  async resetSecondFactor(username: string) {
    // With the pool's MFA required, a user without a preferred TOTP factor is asked to set one up again.
    await this.send(username, () =>
      this.client.send(
        new AdminSetUserMFAPreferenceCommand({
          UserPoolId: this.userPoolId,
          Username: username,
          SoftwareTokenMfaSettings: { Enabled: false, PreferredMfa: false },
        }),
      ),
    );
  }

  private addToGroup(username: string, role: Role) {
    return this.send(username, () =>
      this.client.send(
        new AdminAddUserToGroupCommand({ UserPoolId: this.userPoolId, Username: username, GroupName: role }),
      ),
    );
  }
}
