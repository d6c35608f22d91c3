import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../functions/core/model.ts';
import { table } from '../../functions/table.ts';
import { type Synth, synth } from './app.ts';

let s: Synth;
beforeAll(() => {
  s = synth({ web: false, context: { webOrigin: 'https://app.example.org' } });
});

type Resource = {
  Type: string;
  Properties?: Record<string, unknown>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
};
const resources = (type: string) => Object.values(s.data.findResources(type)) as Resource[];

describe('stateful stack', () => {
  it('is termination-protected and retains every stateful resource', () => {
    const stack = s.app.node.findAll().find((c) => c.node.id === 'pakt-dev-data');
    expect((stack as unknown as { terminationProtection: boolean }).terminationProtection).toBe(true);
    for (const type of [
      'AWS::DynamoDB::Table',
      'AWS::S3::Bucket',
      'AWS::KMS::Key',
      'AWS::Cognito::UserPool',
    ]) {
      const found = resources(type);
      expect(found.length, type).toBeGreaterThan(0);
      for (const r of found) {
        expect(r.DeletionPolicy, type).toBe('Retain');
        expect(r.UpdateReplacePolicy, type).toBe('Retain');
      }
    }
  });
});

describe('table', () => {
  it('takes keys, indexes, their projection and TTL from functions/table.ts', () => {
    s.data.resourceCountIs('AWS::DynamoDB::Table', 1);
    s.data.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: table.partitionKey, KeyType: 'HASH' },
        { AttributeName: table.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: table.indexes.map((index) => ({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: [...table.indexProjection] },
      })),
      TimeToLiveSpecification: { AttributeName: table.ttlAttribute, Enabled: true },
    });
  });

  it('is on-demand, point-in-time recoverable, deletion-protected and encrypted with the customer key', () => {
    s.data.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
      SSESpecification: {
        SSEEnabled: true,
        SSEType: 'KMS',
        KMSMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DataKey'), 'Arn'] },
      },
    });
    s.data.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });
});

describe('buckets', () => {
  const dataBuckets = () =>
    Object.entries(s.data.findResources('AWS::S3::Bucket')).filter(([id]) =>
      /^(Attachments|Quarantine)/.test(id),
    );

  it('attachments and quarantine: KMS, no public access, versioned, access logs, CORS for the web origin only', () => {
    expect(dataBuckets()).toHaveLength(2);
    for (const [id, bucket] of dataBuckets()) {
      const p = bucket.Properties;
      expect(
        p.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm,
        id,
      ).toBe('aws:kms');
      expect(p.PublicAccessBlockConfiguration, id).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(p.VersioningConfiguration, id).toEqual({ Status: 'Enabled' });
      expect(p.LoggingConfiguration.DestinationBucketName, id).toEqual({
        Ref: expect.stringMatching(/^AccessLogs/),
      });
      const origins = p.CorsConfiguration.CorsRules.flatMap(
        (rule: { AllowedOrigins: string[] }) => rule.AllowedOrigins,
      );
      expect(origins, id).toEqual(['https://app.example.org']);
    }
  });

  it('every bucket blocks public access and denies requests without TLS', () => {
    const buckets = s.data.findResources('AWS::S3::Bucket');
    const policies = Object.values(s.data.findResources('AWS::S3::BucketPolicy'));
    for (const [id, bucket] of Object.entries(buckets)) {
      expect(bucket.Properties.PublicAccessBlockConfiguration.BlockPublicPolicy, id).toBe(true);
      const policy = policies.find((p) => p.Properties.Bucket.Ref === id);
      expect(policy, `${id} has a bucket policy`).toBeDefined();
      expect(policy?.Properties.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({
          Effect: 'Deny',
          Principal: { AWS: '*' },
          Action: 's3:*',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
      );
    }
  });

  it('expires quarantine leftovers and cleans up old versions and aborted uploads', () => {
    const [, quarantine] = dataBuckets().find(([id]) => id.startsWith('Quarantine')) ?? [];
    const [rule] = quarantine?.Properties.LifecycleConfiguration.Rules ?? [];
    expect(rule).toMatchObject({
      Status: 'Enabled',
      ExpirationInDays: 1,
      NoncurrentVersionExpiration: { NoncurrentDays: 1 },
      AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
    });
  });

  it('leaves CORS out when the web origin is unknown (never a wildcard)', () => {
    const bare = synth({ web: false });
    for (const bucket of Object.values(bare.data.findResources('AWS::S3::Bucket'))) {
      expect(bucket.Properties.CorsConfiguration).toBeUndefined();
    }
  });
});

describe('malware protection', () => {
  it('protects the quarantine bucket with tagging, through a role only GuardDuty can assume', () => {
    s.data.hasResourceProperties('AWS::GuardDuty::MalwareProtectionPlan', {
      ProtectedResource: { S3Bucket: { BucketName: { Ref: Match.stringLikeRegexp('^Quarantine') } } },
      Actions: { Tagging: { Status: 'ENABLED' } },
      Role: { 'Fn::GetAtt': [Match.stringLikeRegexp('^MalwareProtectionRole'), 'Arn'] },
    });
    s.data.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({ Principal: { Service: 'malware-protection-plan.guardduty.amazonaws.com' } }),
        ],
      },
    });
  });
});

describe('user pool', () => {
  it('requires MFA (TOTP) and a strong password, no self sign-up, deletion protection, threat protection', () => {
    s.data.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      DeletionProtection: 'ACTIVE',
      UserPoolTier: 'PLUS',
      Policies: {
        PasswordPolicy: Match.objectLike({
          MinimumLength: 12,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        }),
      },
      Schema: Match.arrayWith([
        Match.objectLike({ Name: 'org', AttributeDataType: 'String', Mutable: true }),
      ]),
    });
  });

  it('has one group per role', () => {
    const groups = Object.values(s.data.findResources('AWS::Cognito::UserPoolGroup')).map(
      (g) => g.Properties.GroupName,
    );
    expect(groups.sort()).toEqual([...ROLES].sort());
  });
});
