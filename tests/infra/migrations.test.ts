/** The deploy-time data migrations: a custom resource that runs the migration function when a new one ships. */
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../functions/services/migrations.ts';
import { type Synth, synth } from './app.ts';

let s: Synth;
beforeAll(() => {
  s = synth({ context: { webOrigin: 'https://app.example.org' } });
});

describe('data migrations at deploy time', () => {
  it('is a custom resource keyed by the latest schema version', () => {
    const resources = s.webApi.findResources('AWS::CloudFormation::CustomResource');
    const migrations = Object.entries(resources).filter(([id]) => id.startsWith('DataMigrations'));
    expect(migrations).toHaveLength(1);
    const [, resource] = migrations[0] as [string, { Properties: Record<string, unknown> }];
    expect(resource.Properties.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
  });

  it('lets the migration function see whether the indexes are active', () => {
    s.webApi.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Action: 'dynamodb:DescribeTable', Effect: 'Allow' })]),
      },
    });
  });
});
