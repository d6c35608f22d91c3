import { describe, expect, it } from 'vitest';
import { loadConfig, webOriginOf } from '../../infra/config.ts';
import { CONTENT_SECURITY_POLICY, contentSecurityPolicy } from '../../infra/csp.ts';
import { synth } from './app.ts';

describe('stage configuration', () => {
  it('defaults to Frankfurt and refuses regions outside the EU', () => {
    expect(loadConfig('dev').region).toBe('eu-central-1');
    expect(loadConfig('prod', { region: 'eu-west-1' }).region).toBe('eu-west-1');
    expect(() => loadConfig('dev', { region: 'us-east-1' })).toThrow(/EU/);
    expect(() => loadConfig('nope')).toThrow(/Unknown stage/);
  });

  it('needs a certificate for a custom domain, and derives the web origin from it', () => {
    expect(() => loadConfig('prod', { domainName: 'pakt.example.org' })).toThrow(/certificate/);
    const config = loadConfig('prod', {
      domainName: 'pakt.example.org',
      certificateArn: 'arn:aws:acm:us-east-1:ACCOUNT:certificate/x',
    });
    expect(webOriginOf(config)).toBe('https://pakt.example.org');
    expect(() => loadConfig('dev', { webOrigin: 'http://insecure.example.org' })).toThrow(/https/);
  });
});

describe('content security policy', () => {
  it('is the one policy, with the Cognito endpoints of the region', () => {
    expect(contentSecurityPolicy('eu-central-1')).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self' https://*.amazoncognito.com https://cognito-idp.eu-central-1.amazonaws.com; " +
        "frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
    );
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(inline|eval)/);
    expect(() => contentSecurityPolicy('unresolved-region-token')).toThrow();
  });
});

describe('a stage with a custom domain', () => {
  it('serves the domain with TLS 1.2+, and allows exactly that origin for sign-in and uploads', () => {
    const s = synth({
      web: false,
      context: {
        stage: 'prod',
        domainName: 'pakt.example.org',
        certificateArn: 'arn:aws:acm:us-east-1:ACCOUNT:certificate/x',
      },
    });
    const [distribution] = Object.values(s.webApi.findResources('AWS::CloudFront::Distribution'));
    expect(distribution?.Properties.DistributionConfig).toMatchObject({
      Aliases: ['pakt.example.org'],
      ViewerCertificate: { MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' },
    });
    const [client] = Object.values(s.webApi.findResources('AWS::Cognito::UserPoolClient'));
    expect(client?.Properties.CallbackURLs).toEqual(['https://pakt.example.org/']);
    for (const [id, bucket] of Object.entries(s.data.findResources('AWS::S3::Bucket'))) {
      const origins = (bucket.Properties.CorsConfiguration?.CorsRules ?? []).flatMap(
        (rule: { AllowedOrigins: string[] }) => rule.AllowedOrigins,
      );
      if (/^(Attachments|Quarantine)/.test(id)) expect(origins, id).toEqual(['https://pakt.example.org']);
      else expect(origins, id).toEqual([]);
    }
  });
});
