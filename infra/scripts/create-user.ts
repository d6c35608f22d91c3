/**
 * Creates a platform user in a deployed stage: a Cognito user (invited by e-mail with a temporary
 * password) with its role group and `custom:org`, plus the user profile item in the table.
 *
 *   npx tsx infra/scripts/create-user.ts --username a.mueller --name "Anna Müller" \
 *     --email anna.mueller@example.org --role manager --org 08116033 [--stage dev]
 *
 * The user pool id and table name come from `cdk-outputs.json` (written by
 * `npx cdk deploy --all --outputs-file cdk-outputs.json`) or from `--user-pool-id` / `--table-name`.
 * Credentials and region: the usual AWS environment (AWS_PROFILE, AWS_REGION, ...).
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDirectory } from '../../functions/adapters/dynamodb/directory.ts';
import { ROLES, type Role, type UserProfile } from '../../functions/core/model.ts';
import { loadConfig } from '../config.ts';

const { values } = parseArgs({
  options: {
    username: { type: 'string' },
    name: { type: 'string' },
    email: { type: 'string' },
    role: { type: 'string' },
    org: { type: 'string' },
    stage: { type: 'string', default: 'dev' },
    'user-pool-id': { type: 'string' },
    'table-name': { type: 'string' },
    outputs: { type: 'string', default: 'cdk-outputs.json' },
    'no-invite': { type: 'boolean', default: false },
  },
  strict: true,
});

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const need = (key: 'username' | 'name' | 'email' | 'role' | 'org'): string =>
  values[key]?.trim() || fail(`--${key} is required.`);

const username = need('username');
const name = need('name');
const email = need('email');
const org = need('org');
const roleArg = need('role');
if (!(ROLES as readonly string[]).includes(roleArg)) fail(`--role must be one of ${ROLES.join(', ')}.`);
const role = roleArg as Role;
if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) fail(`--email "${email}" is not an e-mail address.`);
if (!/^[A-Za-z0-9._-]{1,64}$/.test(org))
  fail(`--org "${org}" must be an organisation id (letters, digits, . _ -).`);

const config = loadConfig(values.stage ?? 'dev');
const region = process.env.AWS_REGION ?? config.region;

function stackOutputs(): Record<string, string> {
  const file = values.outputs ?? 'cdk-outputs.json';
  if (!existsSync(file)) return {};
  const all = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, string>>;
  return all[`${config.namePrefix}-data`] ?? {};
}
const outputs = stackOutputs();
const userPoolId =
  values['user-pool-id'] ??
  outputs.UserPoolId ??
  fail('No user pool id: pass --user-pool-id or deploy with --outputs-file.');
const tableName =
  values['table-name'] ??
  outputs.TableName ??
  fail('No table name: pass --table-name or deploy with --outputs-file.');

const cognito = new CognitoIdentityProviderClient({ region });
// The profile is written by the platform's own directory adapter: the same item layout as the app reads.
const directory = new DynamoDirectory(DynamoDBDocumentClient.from(new DynamoDBClient({ region })), tableName);

const created = await cognito.send(
  new AdminCreateUserCommand({
    UserPoolId: userPoolId,
    Username: username,
    UserAttributes: [
      { Name: 'email', Value: email },
      { Name: 'email_verified', Value: 'true' },
      { Name: 'name', Value: name },
      { Name: 'custom:org', Value: org },
    ],
    DesiredDeliveryMediums: ['EMAIL'],
    ...(values['no-invite'] ? { MessageAction: 'SUPPRESS' as const } : {}),
  }),
);
const sub =
  created.User?.Attributes?.find((a) => a.Name === 'sub')?.Value ?? fail('Cognito returned no sub.');

await cognito.send(
  new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: username, GroupName: role }),
);

const profile: UserProfile = { sub, username, name, email, role, org };
await directory.putUser(profile);

console.log(
  `Created ${username} (${role}, organisation ${org}, sub ${sub}). ` +
    (values['no-invite']
      ? 'No invitation sent: set a password with `aws cognito-idp admin-set-user-password`.'
      : `An invitation with a temporary password went to ${email}; at first sign-in the user sets a password and an authenticator app (MFA).`),
);
