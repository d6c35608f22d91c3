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
 *
 * The Cognito calls are signed here with the SDK's own SigV4 signer, because the Cognito client package
 * is not a dependency of the project yet; with `@aws-sdk/client-cognito-identity-provider` installed,
 * `cognito()` below becomes `client.send(new AdminCreateUserCommand(...))`.
 */
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { SignatureV4 } from '@smithy/signature-v4';
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

const dynamodb = new DynamoDBClient({ region });
const documents = DynamoDBDocumentClient.from(dynamodb);

/** SHA-256 (and HMAC-SHA-256 with a secret) for the signer, from node:crypto. */
class Sha256 {
  private hash: Hash | Hmac;
  constructor(private readonly secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = this.create();
  }
  private create(): Hash | Hmac {
    return this.secret === undefined ? createHash('sha256') : createHmac('sha256', toBuffer(this.secret));
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(toBuffer(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
  reset(): void {
    this.hash = this.create();
  }
}

function toBuffer(data: string | ArrayBuffer | ArrayBufferView): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
}

const signer = new SignatureV4({
  service: 'cognito-idp',
  region,
  // The same credential chain the DynamoDB client resolved (profile, SSO, environment, ...).
  credentials: () => dynamodb.config.credentials(),
  sha256: Sha256,
});

/** One Cognito user-pool API call (AWS JSON 1.1 protocol). */
async function cognito<T>(action: string, input: Record<string, unknown>): Promise<T> {
  const hostname = `cognito-idp.${region}.amazonaws.com`;
  const body = JSON.stringify(input);
  const signed = await signer.sign({
    method: 'POST',
    protocol: 'https:',
    hostname,
    path: '/',
    headers: {
      host: hostname,
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `AWSCognitoIdentityProviderService.${action}`,
    },
    body,
  });
  const response = await fetch(`https://${hostname}/`, {
    method: 'POST',
    headers: signed.headers as Record<string, string>,
    body,
  });
  const text = await response.text();
  if (!response.ok) {
    const error = JSON.parse(text || '{}') as { __type?: string; message?: string };
    throw new Error(`${action}: ${error.__type ?? response.status} ${error.message ?? text}`);
  }
  return (text ? JSON.parse(text) : {}) as T;
}

interface AdminCreateUserOutput {
  User?: { Username?: string; Attributes?: { Name: string; Value?: string }[] };
}

const created = await cognito<AdminCreateUserOutput>('AdminCreateUser', {
  UserPoolId: userPoolId,
  Username: username,
  UserAttributes: [
    { Name: 'email', Value: email },
    { Name: 'email_verified', Value: 'true' },
    { Name: 'name', Value: name },
    { Name: 'custom:org', Value: org },
  ],
  DesiredDeliveryMediums: ['EMAIL'],
  ...(values['no-invite'] ? { MessageAction: 'SUPPRESS' } : {}),
});
const sub =
  created.User?.Attributes?.find((a) => a.Name === 'sub')?.Value ?? fail('Cognito returned no sub.');

await cognito('AdminAddUserToGroup', { UserPoolId: userPoolId, Username: username, GroupName: role });

const profile: UserProfile = { sub, username, name, email, role, org };
await documents.send(
  new PutCommand({
    TableName: tableName,
    // Same item layout as the directory adapter (functions/adapters/dynamodb/directory.ts): the index
    // projects only `summary`, which for a user is the profile itself.
    Item: {
      pk: 'USER',
      sk: sub,
      entity: 'user',
      schemaVersion: 1,
      ...profile,
      summary: profile,
      gsi1pk: `ORGUSERS#${org}`,
      gsi1sk: sub,
    },
    ConditionExpression: 'attribute_not_exists(pk)',
  }),
);

console.log(
  `Created ${username} (${role}, organisation ${org}, sub ${sub}). ` +
    (values['no-invite']
      ? 'No invitation sent: set a password with `aws cognito-idp admin-set-user-password`.'
      : `An invitation with a temporary password went to ${email}; at first sign-in the user sets a password and an authenticator app (MFA).`),
);
