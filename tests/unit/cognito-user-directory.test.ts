/** The Cognito user directory: which admin calls each change makes, and how Cognito's refusals are answered. */
import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { CognitoUserDirectory } from '../../functions/adapters/cognito/user-directory.ts';

function fakePool(fail?: { command: string; name: string }) {
  const sent: Array<{ command: string; input: Record<string, unknown> }> = [];
  const client = {
    send: async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
      const name = command.constructor.name;
      sent.push({ command: name, input: command.input });
      if (fail?.command === name) throw Object.assign(new Error(fail.name), { name: fail.name });
      if (name === 'AdminCreateUserCommand')
        return { User: { Attributes: [{ Name: 'sub', Value: 'sub-1' }] } };
      return {};
    },
  } as unknown as CognitoIdentityProviderClient;
  return { directory: new CognitoUserDirectory(client, 'pool-1'), sent };
}

const invite = {
  username: 'a.b',
  name: 'A B',
  email: 'a@b.example',
  role: 'manager' as const,
  org: 'plochingen',
};

describe('Cognito user directory', () => {
  it('invites by e-mail with the organisation as attribute and the role as group', async () => {
    const { directory, sent } = fakePool();
    await expect(directory.invite(invite)).resolves.toEqual({ sub: 'sub-1' });
    expect(sent.map((s) => s.command)).toEqual(['AdminCreateUserCommand', 'AdminAddUserToGroupCommand']);
    expect(sent[0]!.input).toMatchObject({
      UserPoolId: 'pool-1',
      Username: 'a.b',
      DesiredDeliveryMediums: ['EMAIL'],
      UserAttributes: expect.arrayContaining([{ Name: 'custom:org', Value: 'plochingen' }]),
    });
    expect(sent[0]!.input).not.toHaveProperty('MessageAction');
    expect(sent[1]!.input).toMatchObject({ GroupName: 'manager' });
  });

  it('takes a new sign-in back when its group cannot be set, and withdraws by deleting it', async () => {
    const { directory, sent } = fakePool({
      command: 'AdminAddUserToGroupCommand',
      name: 'InternalErrorException',
    });
    await expect(directory.invite(invite)).rejects.toThrow();
    expect(sent.map((s) => s.command)).toEqual([
      'AdminCreateUserCommand',
      'AdminAddUserToGroupCommand',
      'AdminDeleteUserCommand',
    ]);
    expect(sent[2]!.input).toEqual({ UserPoolId: 'pool-1', Username: 'a.b' });
    // Already gone counts as withdrawn.
    await expect(
      fakePool({ command: 'AdminDeleteUserCommand', name: 'UserNotFoundException' }).directory.withdraw(
        'a.b',
      ),
    ).resolves.toBeUndefined();
  });

  it('moves a role into the new group before leaving the old one, and the organisation by attribute', async () => {
    const { directory, sent } = fakePool();
    await directory.update('a.b', { role: { from: 'manager', to: 'coordinator' }, org: 'notzingen' });
    expect(sent.map((s) => [s.command, s.input.GroupName])).toEqual([
      ['AdminUpdateUserAttributesCommand', undefined],
      ['AdminAddUserToGroupCommand', 'coordinator'],
      ['AdminRemoveUserFromGroupCommand', 'manager'],
    ]);
  });

  it('deactivates with a global sign-out, reactivates, and resets the TOTP factor', async () => {
    const { directory, sent } = fakePool();
    await directory.setActive('a.b', false);
    await directory.setActive('a.b', true);
    await directory.resetSecondFactor('a.b');
    expect(sent.map((s) => s.command)).toEqual([
      'AdminDisableUserCommand',
      'AdminUserGlobalSignOutCommand',
      'AdminEnableUserCommand',
      'AdminSetUserMFAPreferenceCommand',
    ]);
    expect(sent[3]!.input.SoftwareTokenMfaSettings).toEqual({ Enabled: false, PreferredMfa: false });
  });

  it("answers Cognito's refusals with the platform's codes and passes other errors on", async () => {
    await expect(
      fakePool({ command: 'AdminCreateUserCommand', name: 'UsernameExistsException' }).directory.invite(
        invite,
      ),
    ).rejects.toMatchObject({ status: 409, code: 'users.exists' });
    await expect(
      fakePool({ command: 'AdminDisableUserCommand', name: 'UserNotFoundException' }).directory.setActive(
        'x',
        false,
      ),
    ).rejects.toMatchObject({ status: 404, code: 'users.not_found' });
    await expect(
      fakePool({ command: 'AdminEnableUserCommand', name: 'InternalErrorException' }).directory.setActive(
        'x',
        true,
      ),
    ).rejects.toMatchObject({ name: 'InternalErrorException' });
  });
});
