import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { IDEMPOTENCY_MODULE_FILE, OPENAPI_BASE_FILE } from '../../functions/lib/config.ts';
import { HANDLER_GROUPS, routeKey, routes } from '../../functions/routes.ts';
import { contentSecurityPolicy } from '../../infra/csp.ts';
import { functionFiles } from '../../infra/stacks/web-api-stack.ts';
import { type Synth, synth } from './app.ts';

/** Synthesized CloudFormation JSON, narrowed by the assertions themselves. */
type Cfn = any;

let s: Synth;
beforeAll(() => {
  s = synth();
});

const props = (type: string) =>
  Object.values(s.webApi.findResources(type)).map((r) => r.Properties as Record<string, unknown>);

describe('HTTP API routes', () => {
  it('are exactly the route table', () => {
    const deployed = props('AWS::ApiGatewayV2::Route').map((r) => r.RouteKey);
    expect(deployed.sort()).toEqual(routes.map(routeKey).sort());
  });

  it('deploy no local-only route', () => {
    for (const r of props('AWS::ApiGatewayV2::Route')) expect(r.RouteKey).not.toMatch(/\/local(\/|$)/);
  });

  it('all require the Cognito JWT authorizer (ID tokens of the web client)', () => {
    const authorizers = s.webApi.findResources('AWS::ApiGatewayV2::Authorizer');
    const [authorizerId, authorizer] = Object.entries(authorizers)[0] ?? [];
    expect(Object.keys(authorizers)).toHaveLength(1);
    expect(authorizer?.Properties).toMatchObject({
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Audience: [{ Ref: expect.stringMatching(/^WebClient/) }] },
    });
    const publicKeys = routes.filter((r) => 'public' in r && r.public).map(routeKey);
    expect(publicKeys).toEqual(['GET /api/openapi.json']);
    for (const r of props('AWS::ApiGatewayV2::Route')) {
      if (publicKeys.includes(r.RouteKey as never)) {
        // The API's own description holds no data: readable without sign-in.
        expect(r.AuthorizationType ?? 'NONE', String(r.RouteKey)).toBe('NONE');
        expect(r.AuthorizerId, String(r.RouteKey)).toBeUndefined();
        continue;
      }
      expect(r.AuthorizationType, String(r.RouteKey)).toBe('JWT');
      expect(r.AuthorizerId, String(r.RouteKey)).toEqual({ Ref: authorizerId });
    }
  });

  it('send each route to the function of its handler group', () => {
    const integrations = s.webApi.findResources('AWS::ApiGatewayV2::Integration');
    const functions = s.webApi.findResources('AWS::Lambda::Function');
    const groupOfFunction = (logicalId: string) =>
      HANDLER_GROUPS.find((g) => logicalId.startsWith(`Fn${g}Function`)) ?? `not a handler: ${logicalId}`;
    for (const route of routes) {
      const deployed = props('AWS::ApiGatewayV2::Route').find((r) => r.RouteKey === routeKey(route));
      // Target: { Fn::Join: ['', ['integrations/', { Ref: <integration> }]] }
      const integrationId = JSON.stringify(deployed?.Target).match(/"Ref":"([^"]+)"/)?.[1] ?? '';
      const uri = JSON.stringify(integrations[integrationId]?.Properties.IntegrationUri);
      const functionId = uri.match(/"Fn::GetAtt":\["([^"]+)","Arn"\]/)?.[1] ?? '';
      expect(functions[functionId], routeKey(route)).toBeDefined();
      expect(groupOfFunction(functionId), routeKey(route)).toBe(route.group);
    }
  });

  it('throttle the stage and write access logs without client IPs', () => {
    const [stage] = props('AWS::ApiGatewayV2::Stage');
    expect(stage).toMatchObject({
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      AccessLogSettings: {
        DestinationArn: { 'Fn::GetAtt': [expect.stringMatching(/^ApiAccessLogs/), 'Arn'] },
      },
    });
    const format = String((stage?.AccessLogSettings as { Format?: string } | undefined)?.Format);
    expect(format).toContain('$context.requestId');
    expect(format).not.toMatch(/sourceIp|userAgent|claims\.email|claims\.name/);
  });
});

describe('functions', () => {
  const handlers = () =>
    Object.entries(s.webApi.findResources('AWS::Lambda::Function')).filter(([id]) =>
      /^Fn.+Function/.test(id),
    );

  it('one per handler group: Node.js 24 on arm64, source maps, the fixed environment', () => {
    expect(handlers()).toHaveLength(HANDLER_GROUPS.length);
    for (const [id, fn] of handlers()) {
      expect(fn.Properties, id).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        LoggingConfig: { LogGroup: { Ref: expect.stringMatching(/Logs/) } },
      });
      const env = fn.Properties.Environment.Variables;
      expect(env, id).toMatchObject({
        TABLE_NAME: { 'Fn::ImportValue': expect.stringContaining('Table') },
        POWERTOOLS_SERVICE_NAME: 'pakt-integration',
        LOG_LEVEL: 'INFO',
        POWERTOOLS_LOGGER_LOG_EVENT: 'false',
        NODE_OPTIONS: '--enable-source-maps',
      });
    }
  });

  it('only attachment handlers know the buckets; only publishing knows the web bucket', () => {
    for (const [id, fn] of handlers()) {
      const env = fn.Properties.Environment.Variables;
      const hasBuckets = id.startsWith('FnattachmentsFunction');
      // The subject-access export presigns attachment links: the attachments bucket, read only.
      const exportsLinks = id.startsWith('FnprivacyFunction');
      // The case file's downloads read the issued documents' PDFs: the attachments bucket, read only.
      const caseFile = id.startsWith('FndocumentsFunction');
      expect('ATTACHMENTS_BUCKET' in env, id).toBe(hasBuckets || exportsLinks || caseFile);
      expect('QUARANTINE_BUCKET' in env, id).toBe(hasBuckets);
      expect('WEB_BUCKET' in env, id).toBe(id.startsWith('FnadminFunction'));
    }
  });

  it('ship the files built with the API beside the bundles, where the functions load them from', () => {
    // config().idempotencyModule defaults to the file beside the bundle's index.mjs; build:api writes it.
    for (const group of HANDLER_GROUPS) {
      expect(functionFiles(group), group).toContainEqual({
        from: 'functions/api/generated',
        pattern: IDEMPOTENCY_MODULE_FILE,
        to: '.',
      });
    }
    // The forms function serves the OpenAPI document: the one built without forms, with the published forms.
    expect(functionFiles('forms')).toContainEqual({
      from: 'functions/api/generated',
      pattern: OPENAPI_BASE_FILE,
      to: '.',
    });
  });

  it('log to their own log groups with a retention', () => {
    for (const group of Object.values(s.webApi.findResources('AWS::Logs::LogGroup'))) {
      expect(group.Properties.RetentionInDays).toBeGreaterThan(0);
    }
  });
});

describe('sign-in client', () => {
  it('reads custom:org but can never write it', () => {
    const [client] = props('AWS::Cognito::UserPoolClient');
    expect(client?.ReadAttributes).toContain('custom:org');
    expect(client?.WriteAttributes).toEqual(expect.arrayContaining(['email', 'name']));
    expect(client?.WriteAttributes).not.toContain('custom:org');
    expect(client).toMatchObject({
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      PreventUserExistenceErrors: 'ENABLED',
    });
  });
});

describe('web distribution', () => {
  const distribution = () => props('AWS::CloudFront::Distribution')[0]?.DistributionConfig as Cfn;

  it('serves a private bucket through origin access control', () => {
    const config = distribution();
    const s3Origin = config.Origins.find((o: { S3OriginConfig?: unknown }) => o.S3OriginConfig);
    expect(s3Origin.OriginAccessControlId).toBeDefined();
    expect(s3Origin.S3OriginConfig).toEqual({ OriginAccessIdentity: '' });
    s.webApi.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
  });

  it('sends the CSP from infra/csp.ts, HSTS, frame denial and a referrer policy', () => {
    const [policy] = props('AWS::CloudFront::ResponseHeadersPolicy');
    const headers = (policy?.ResponseHeadersPolicyConfig as Cfn | undefined)?.SecurityHeadersConfig;
    expect(headers.ContentSecurityPolicy).toEqual({
      ContentSecurityPolicy: contentSecurityPolicy('eu-central-1'),
      Override: true,
    });
    expect(headers.ContentSecurityPolicy.ContentSecurityPolicy).toContain("frame-ancestors 'none'");
    expect(headers.StrictTransportSecurity).toMatchObject({
      AccessControlMaxAgeSec: 63072000,
      IncludeSubdomains: true,
    });
    expect(headers.FrameOptions).toMatchObject({ FrameOption: 'DENY' });
    expect(headers.ReferrerPolicy.ReferrerPolicy).toBe('strict-origin-when-cross-origin');
    expect(headers.ContentTypeOptions).toMatchObject({ Override: true });
  });

  it('routes /api/* to the HTTP API uncached, forwarding all viewer headers but Host', () => {
    const config = distribution();
    const api = config.CacheBehaviors.find((b: { PathPattern: string }) => b.PathPattern === '/api/*');
    expect(api).toMatchObject({
      CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad', // Managed-CachingDisabled
      OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac', // Managed-AllViewerExceptHostHeader
      AllowedMethods: expect.arrayContaining(['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS']),
      ViewerProtocolPolicy: 'https-only',
    });
    const origin = config.Origins.find((o: { Id: string }) => o.Id === api.TargetOriginId);
    expect(JSON.stringify(origin.DomainName)).toMatch(/execute-api/);
    expect(origin.CustomOriginConfig).toMatchObject({
      OriginProtocolPolicy: 'https-only',
      OriginSSLProtocols: ['TLSv1.2'],
    });
  });

  it('deploys web/dist and /config.json only when the build exists', () => {
    s.webApi.resourceCountIs('Custom::CDKBucketDeployment', 1);
    const unbuilt = synth({ web: false });
    unbuilt.webApi.resourceCountIs('Custom::CDKBucketDeployment', 0);
  });
});

describe('alarms', () => {
  it('watch the API 5xx rate and every function for errors and throttles, to the SNS topic', () => {
    const alarms = props('AWS::CloudWatch::Alarm');
    const names = alarms.map((a) => String(a.AlarmName));
    expect(names).toContain('pakt-dev-api-5xx-rate');
    for (const group of HANDLER_GROUPS) {
      expect(names).toContain(`pakt-dev-${group}-errors`);
      expect(names).toContain(`pakt-dev-${group}-throttles`);
    }
    for (const alarm of alarms) {
      expect(alarm.AlarmActions).toEqual([{ Ref: expect.stringMatching(/^Alarms/) }]);
    }
    s.webApi.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
  });
});
