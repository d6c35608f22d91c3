import { beforeAll, describe, expect, it } from 'vitest';
import { table } from '../../functions/table.ts';
import { EMAIL_RECORD_ACTIONS, USER_ADMIN_ACTIONS } from '../../infra/stacks/web-api-stack.ts';
import { type Synth, synth } from './app.ts';

let s: Synth;
beforeAll(() => {
  s = synth();
});

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, unknown>;
}

/** Identity-policy statements of a template (inline role policies and AWS::IAM::Policy). */
function statements(template: Synth['data']): { owner: string; statement: Statement }[] {
  const out: { owner: string; statement: Statement }[] = [];
  for (const [id, policy] of Object.entries(template.findResources('AWS::IAM::Policy'))) {
    for (const statement of policy.Properties.PolicyDocument.Statement) out.push({ owner: id, statement });
  }
  for (const [id, role] of Object.entries(template.findResources('AWS::IAM::Role'))) {
    for (const inline of role.Properties.Policies ?? []) {
      for (const statement of inline.PolicyDocument.Statement) out.push({ owner: id, statement });
    }
  }
  return out;
}

const list = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);
const actionsOf = (st: Statement) => list(st.Action);
const handlerStatements = () => statements(s.webApi).filter(({ owner }) => /^Fn.+Role/.test(owner));

describe('IAM', () => {
  it('has no "*" resource except CloudFront invalidation in the CDK deployment handler and the stream ListStreams (no resource-level ARNs there)', () => {
    for (const template of [s.data, s.webApi]) {
      for (const { owner, statement } of statements(template)) {
        if (!list(statement.Resource).includes('*')) continue;
        // The stream's event source mapping: ListStreams has no resource-level permission.
        if (owner.startsWith('NotificationsDeliverRole') || owner.startsWith('DocumentIssuerRenderRole')) {
          expect(actionsOf(statement)).toEqual(['dynamodb:ListStreams']);
          continue;
        }
        expect(owner).toMatch(/^CustomCDKBucketDeployment/);
        expect(actionsOf(statement).sort()).toEqual([
          'cloudfront:CreateInvalidation',
          'cloudfront:GetInvalidation',
        ]);
      }
    }
  });

  it('lets the handlers use the table and its named indexes only, and never Scan', () => {
    const tableStatements = handlerStatements().filter(({ statement }) =>
      actionsOf(statement).some((a) => a.startsWith('dynamodb:')),
    );
    expect(tableStatements.length).toBeGreaterThan(0);
    for (const { owner, statement } of tableStatements) {
      const resources = JSON.stringify(statement.Resource);
      expect(resources, owner).not.toContain('*');
      for (const index of table.indexes) expect(resources, owner).toContain(`/index/${index.name}`);
      expect(actionsOf(statement), owner).not.toContain('dynamodb:Scan');
      expect(
        actionsOf(statement).every((a) => !a.includes('*')),
        owner,
      ).toBe(true);
    }
  });

  it('scopes object actions, including DeleteObjectVersion, to the objects of one named bucket', () => {
    const objectStatements = handlerStatements().filter(({ statement }) =>
      actionsOf(statement).some((a) => a.startsWith('s3:') && !a.startsWith('s3:List')),
    );
    const deleters = objectStatements.filter(({ statement }) =>
      actionsOf(statement).includes('s3:DeleteObjectVersion'),
    );
    expect(deleters.length).toBeGreaterThan(0);
    for (const { owner, statement } of objectStatements) {
      for (const resource of list(statement.Resource)) {
        const text = JSON.stringify(resource);
        expect(text, owner).toMatch(/(Attachments|Quarantine|WebAssets)[^"]*(Arn|")/);
        expect(text, owner).toMatch(/"\/\*"\]\]\}$/); // <bucket ARN> + "/*"
      }
    }
  });

  it('restricts key use to requests made through DynamoDB or S3', () => {
    for (const { owner, statement } of handlerStatements()) {
      if (!actionsOf(statement).some((a) => a.startsWith('kms:'))) continue;
      expect(statement.Condition, owner).toEqual({
        StringEquals: {
          'kms:ViaService': expect.stringMatching(/^(dynamodb|s3)\.eu-central-1\.amazonaws\.com$/),
        },
      });
    }
  });

  it('gives the handler roles no managed policies (no account-wide log access)', () => {
    for (const [id, role] of Object.entries(s.webApi.findResources('AWS::IAM::Role'))) {
      if (/^Fn/.test(id)) expect(role.Properties.ManagedPolicyArns, id).toBeUndefined();
    }
  });

  it('lets only the users function administer the user pool, with exactly the admin actions it calls, on that pool', () => {
    const cognito = statements(s.webApi).filter(({ statement }) =>
      actionsOf(statement).some((a) => a.startsWith('cognito-idp:')),
    );
    expect(cognito.map(({ owner }) => owner).sort()).toEqual([
      expect.stringMatching(/^FnnotificationsRole/),
      expect.stringMatching(/^FnusersRole/),
    ]);
    // The notifications function only records a confirmed e-mail address.
    const emailRecord = cognito.find(({ owner }) => /^FnnotificationsRole/.test(owner))!.statement;
    expect(actionsOf(emailRecord)).toEqual(EMAIL_RECORD_ACTIONS.map((a) => `cognito-idp:${a}`));
    expect(JSON.stringify(emailRecord.Resource)).toMatch(/UsersDefault|Users[0-9A-F]+.*Arn/);
    const { statement } = cognito.find(({ owner }) => /^FnusersRole/.test(owner))!;
    expect(actionsOf(statement).sort()).toEqual(USER_ADMIN_ACTIONS.map((a) => `cognito-idp:${a}`).sort());
    expect(JSON.stringify(statement.Resource)).toMatch(/UsersDefault|Users[0-9A-F]+.*Arn/);
    const fn = Object.values(s.webApi.findResources('AWS::Lambda::Function')).find((f) =>
      String(f.Properties.Description).endsWith(': users routes'),
    );
    const env = (fn?.Properties.Environment.Variables ?? {}) as Record<string, unknown>;
    expect(env.USER_POOL_ID).toBeDefined();
    expect('USER_DIRECTORY' in env).toBe(false);
  });
});
