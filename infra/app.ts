import { realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { HANDLER_GROUPS, type HandlerGroup } from '../functions/routes.ts';
import { loadConfig } from './config.ts';
import { DataStack } from './stacks/data-stack.ts';
import { EdgeWafStack } from './stacks/edge-waf-stack.ts';
import { WebApiStack } from './stacks/web-api-stack.ts';

/**
 * The CDK app: `npx cdk deploy --all [-c stage=prod]`. Builds the stateful stack (data) and the
 * stateless stack (API + web) of one stage and runs cdk-nag's AWS Solutions checks on both; an
 * unacknowledged error stops the synth.
 */
export interface BuildOptions {
  /** Directory with package.json, package-lock.json, functions/ and web/. */
  readonly projectRoot: string;
  /** Entry module per handler group. @default `<projectRoot>/functions/http/<group>.ts` */
  readonly entries?: Record<HandlerGroup, string>;
  /** @default `<projectRoot>/web/dist` */
  readonly webDistPath?: string;
}

/**
 * Feature flags this app relies on, set in code rather than in cdk.json so that the tests (which do
 * not read cdk.json) synthesize the same templates as `cdk synth`.
 */
export const FEATURE_FLAGS = {
  // Grant S3 log delivery through the log bucket's policy instead of a LogDeliveryWrite ACL
  // (ACLs are disabled on every bucket here).
  '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': true,
  '@aws-cdk/aws-iam:minimizePolicies': true,
  '@aws-cdk/core:checkSecretUsage': true,
  // Cross-stack references as CloudFormation exports: the stateful stack cannot drop an output
  // that the stateless stack still uses.
  '@aws-cdk/core:defaultCrossStackReferences': 'strong',
} as const;

export function buildApp(
  app: App,
  options: BuildOptions,
): { data: DataStack; webApi: WebApiStack; edge: EdgeWafStack } {
  const { projectRoot } = options;
  for (const [flag, value] of Object.entries(FEATURE_FLAGS)) app.node.setContext(flag, value);
  const context = (key: string): string | undefined => {
    const value: unknown = app.node.tryGetContext(key);
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const config = loadConfig(context('stage') ?? 'dev', {
    region: context('region'),
    domainName: context('domainName'),
    webOrigin: context('webOrigin'),
    certificateArn: context('certificateArn'),
    alarmEmail: context('alarmEmail'),
    apiDomainName: context('apiDomainName'),
    apiCertificateArn: context('apiCertificateArn'),
    mailDomain: context('mailDomain'),
  });
  // The account is the one of the caller's credentials; it is never committed.
  const env = { account: process.env.CDK_DEFAULT_ACCOUNT, region: config.region };

  const data = new DataStack(app, `${config.namePrefix}-data`, {
    env,
    config,
    description: 'Pakt für Integration: stateful resources (table, attachments, users). Retained on delete.',
  });
  const entries =
    options.entries ??
    (Object.fromEntries(
      HANDLER_GROUPS.map((group) => [group, join(projectRoot, 'functions', 'http', `${group}.ts`)]),
    ) as Record<HandlerGroup, string>);
  // A CloudFront web ACL must be in us-east-1: a stack of its own, holding only the web ACL. Its ARN
  // reaches the web stack as a cross-region reference (an SSM parameter CDK writes and reads).
  const edge = new EdgeWafStack(app, `${config.namePrefix}-edge-waf`, {
    env: { account: env.account, region: 'us-east-1' },
    crossRegionReferences: true,
    config,
    description: 'Pakt für Integration: CloudFront web ACL with per-client rate limits (no data, no logs).',
  });
  const webApi = new WebApiStack(app, `${config.namePrefix}-web-api`, {
    env,
    crossRegionReferences: true,
    webAclArn: edge.webAcl.attrArn,
    config,
    data,
    entries,
    projectRoot,
    webDistPath: options.webDistPath ?? join(projectRoot, 'web', 'dist'),
    description: 'Pakt für Integration: HTTP API, functions, web distribution, alarms (stateless).',
  });
  for (const stack of [data, webApi, edge]) {
    Tags.of(stack).add('project', 'pakt-integration');
    Tags.of(stack).add('stage', config.stage);
  }
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { data, webApi, edge };
}

// Synthesize only when run as the CDK app (`npx tsx infra/app.ts`), not when the tests import buildApp.
const script = process.argv[1];
if (script && pathToFileURL(realpathSync(script)).href === import.meta.url) {
  const app = new App();
  buildApp(app, { projectRoot: join(dirname(fileURLToPath(import.meta.url)), '..') });
  app.synth();
}
