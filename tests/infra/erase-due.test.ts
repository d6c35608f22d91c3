import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Synth, synth } from './app.ts';

let s: Synth;
beforeAll(() => {
  s = synth();
});

const functionId = () => {
  const [id] = Object.keys(s.webApi.findResources('AWS::Lambda::Function')).filter((id) =>
    id.startsWith('EraseDueFunction'),
  );
  return id!;
};

describe('erasure job', () => {
  it('runs daily at night, Berlin time, on its own function', () => {
    const schedules = Object.values(s.webApi.findResources('AWS::Scheduler::Schedule')).filter(
      (r) =>
        JSON.stringify(r.Properties.Target.Arn) === JSON.stringify({ 'Fn::GetAtt': [functionId(), 'Arn'] }),
    );
    expect(schedules).toHaveLength(1);
    expect(schedules[0]!.Properties).toMatchObject({
      ScheduleExpression: 'cron(15 3 * * ? *)',
      ScheduleExpressionTimezone: 'Europe/Berlin',
      State: 'ENABLED',
      Target: {
        Arn: { 'Fn::GetAtt': [functionId(), 'Arn'] },
        RetryPolicy: { MaximumRetryAttempts: 2 },
      },
    });
  });

  it('knows the table and both attachment buckets, and may delete every object version', () => {
    const fn = s.webApi.findResources('AWS::Lambda::Function')[functionId()]!;
    expect(Object.keys(fn.Properties.Environment.Variables)).toEqual(
      expect.arrayContaining(['TABLE_NAME', 'ATTACHMENTS_BUCKET', 'QUARANTINE_BUCKET']),
    );
    s.webApi.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^EraseDueRole') }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: Match.arrayWith(['s3:DeleteObjectVersion']) }),
          Match.objectLike({ Action: Match.arrayWith(['s3:ListBucketVersions']) }),
        ]),
      },
    });
  });

  it('alarms when a run fails', () => {
    s.webApi.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: Match.stringLikeRegexp('erase-due-errors$'),
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: functionId() } }],
    });
  });
});
