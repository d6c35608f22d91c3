/**
 * The per-client rate limits: a CloudFront web ACL in us-east-1 in a stack of its own (nothing else in it,
 * no logging, no sampled requests), attached to the distribution; with an API domain, the default
 * execute-api endpoint is disabled so that nothing bypasses it.
 */
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../infra/config.ts';
import { type Synth, synth } from './app.ts';

let s: Synth;
beforeAll(() => {
  s = synth({ context: { webOrigin: 'https://app.example.org' } });
});

describe('edge web ACL', () => {
  it('is a CLOUDFRONT web ACL in us-east-1, alone in its stack, without logging or sampled requests', () => {
    const stack = s.app.node.findChild('pakt-dev-edge-waf') as unknown as { region: string };
    expect(stack.region).toBe('us-east-1');
    const resources = Object.values(s.edge.toJSON().Resources ?? {}) as Array<{ Type: string }>;
    // The web ACL, and what CDK adds to export its ARN across regions; nothing with data.
    expect(resources.map((r) => r.Type)).toContain('AWS::WAFv2::WebACL');
    for (const r of resources)
      expect(r.Type).toMatch(
        /^(AWS::WAFv2::WebACL|AWS::SSM::Parameter|Custom::.*|AWS::Lambda::.*|AWS::IAM::Role)$/,
      );
    s.edge.resourceCountIs('AWS::WAFv2::LoggingConfiguration', 0);
    s.edge.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'CLOUDFRONT',
      DefaultAction: { Allow: {} },
      VisibilityConfig: Match.objectLike({ SampledRequestsEnabled: false }),
    });
  });

  it('limits by IP and by Authorization header, answering 429 with Retry-After', () => {
    const acl = Object.values(s.edge.findResources('AWS::WAFv2::WebACL'))[0] as {
      Properties: { Rules: Array<Record<string, any>> };
    };
    const rules = acl.Properties.Rules;
    expect(rules.map((r) => r.Name)).toEqual(['rate-per-ip', 'rate-per-authorization']);
    const [ip, auth] = rules.map((r) => r.Statement.RateBasedStatement);
    expect(ip.AggregateKeyType).toBe('IP');
    expect(auth.AggregateKeyType).toBe('CUSTOM_KEYS');
    expect(auth.CustomKeys).toEqual([
      { Header: { Name: 'authorization', TextTransformations: [{ Priority: 0, Type: 'NONE' }] } },
    ]);
    const config = loadConfig('dev');
    expect(ip.Limit).toBe(config.rateLimits.perIpPer5Minutes);
    expect(auth.Limit).toBe(config.rateLimits.perClientPer5Minutes);
    for (const rule of rules) {
      expect(rule.VisibilityConfig.SampledRequestsEnabled).toBe(false);
      expect(rule.Action.Block.CustomResponse).toMatchObject({
        ResponseCode: 429,
        ResponseHeaders: [{ Name: 'retry-after', Value: String(config.rateLimits.retryAfterSeconds) }],
      });
    }
  });

  it('is attached to the distribution', () => {
    s.webApi.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({ WebACLId: Match.anyValue() }),
    });
  });

  it('without an API domain the execute-api endpoint stays (CloudFront needs a host to reach the API)', () => {
    s.webApi.hasResourceProperties('AWS::ApiGatewayV2::Api', { DisableExecuteApiEndpoint: false });
  });
});

describe('with an API domain', () => {
  it('disables the execute-api endpoint and sends /api through CloudFront to the API domain', () => {
    const withDomain = synth({
      context: {
        webOrigin: 'https://app.example.org',
        apiDomainName: 'api.example.org',
        apiCertificateArn: 'arn:aws:acm:eu-central-1:111111111111:certificate/abc',
      },
    });
    withDomain.webApi.hasResourceProperties('AWS::ApiGatewayV2::Api', { DisableExecuteApiEndpoint: true });
    withDomain.webApi.hasResourceProperties('AWS::ApiGatewayV2::DomainName', {
      DomainName: 'api.example.org',
    });
    withDomain.webApi.resourceCountIs('AWS::ApiGatewayV2::ApiMapping', 1);
    const distribution = Object.values(
      withDomain.webApi.findResources('AWS::CloudFront::Distribution'),
    )[0] as {
      Properties: { DistributionConfig: { Origins: Array<{ DomainName: unknown }> } };
    };
    expect(distribution.Properties.DistributionConfig.Origins.map((o) => o.DomainName)).toContain(
      'api.example.org',
    );
  });

  it('needs both the domain and its certificate', () => {
    expect(() => loadConfig('dev', { apiDomainName: 'api.example.org' })).toThrow(/apiCertificateArn/);
  });
});
