import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Synth, synth } from './app.ts';

let s: Synth;
beforeAll(() => {
  s = synth({ context: { mailDomain: 'mail.pakt.example.org' } });
});

const functionId = (prefix: string) => {
  const [id] = Object.keys(s.webApi.findResources('AWS::Lambda::Function')).filter((id) =>
    id.startsWith(`Notifications${prefix}Function`),
  );
  expect(id, prefix).toBeDefined();
  return id!;
};

describe('notifications in AWS', () => {
  it('the table streams new images', () => {
    s.data.hasResourceProperties('AWS::DynamoDB::Table', {
      StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
    });
  });

  it('the delivery function reads only new outbox items from the stream, bisecting failed batches into a DLQ', () => {
    s.webApi.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: functionId('Deliver') },
      StartingPosition: 'TRIM_HORIZON',
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 5,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
      FilterCriteria: {
        Filters: [
          {
            Pattern: JSON.stringify({
              eventName: ['INSERT'],
              dynamodb: { NewImage: { entity: { S: ['outbox'] } } },
            }),
          },
        ],
      },
    });
  });

  it('a sweeper runs every 15 minutes', () => {
    const schedules = Object.values(s.webApi.findResources('AWS::Scheduler::Schedule')).filter(
      (r) =>
        JSON.stringify(r.Properties.Target.Arn) ===
        JSON.stringify({ 'Fn::GetAtt': [functionId('Sweep'), 'Arn'] }),
    );
    expect(schedules).toHaveLength(1);
    expect(schedules[0]!.Properties.ScheduleExpression).toBe('cron(0/15 * * * ? *)');
  });

  it('the reminder job runs daily in the morning, Berlin time', () => {
    const schedules = Object.values(s.webApi.findResources('AWS::Scheduler::Schedule')).filter(
      (r) =>
        JSON.stringify(r.Properties.Target.Arn) ===
        JSON.stringify({ 'Fn::GetAtt': [functionId('Remind'), 'Arn'] }),
    );
    expect(schedules).toHaveLength(1);
    expect(schedules[0]!.Properties).toMatchObject({
      ScheduleExpression: 'cron(30 6 * * ? *)',
      ScheduleExpressionTimezone: 'Europe/Berlin',
    });
  });

  it('SES: a DKIM-signed domain identity and a configuration set with the suppression list', () => {
    s.webApi.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: 'mail.pakt.example.org',
      DkimAttributes: Match.absent(),
    });
    s.webApi.hasResourceProperties('AWS::SES::ConfigurationSet', {
      SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
    });
    s.webApi.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: { Enabled: true, MatchingEventTypes: ['bounce', 'complaint'] },
    });
  });

  it('may send only from its sender address, through its identity and configuration set', () => {
    for (const fn of ['Deliver', 'Sweep', 'Remind']) {
      const env =
        s.webApi.findResources('AWS::Lambda::Function')[functionId(fn)]!.Properties.Environment.Variables;
      expect(JSON.parse(env.MAIL_SENDERS)).toEqual({ default: { from: 'noreply@mail.pakt.example.org' } });
      expect(env.SES_CONFIGURATION_SET).toEqual({
        Ref: expect.stringMatching(/^NotificationsConfigurationSet/),
      });
    }
    s.webApi.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 'ses:SendEmail',
            Condition: { StringEquals: { 'ses:FromAddress': 'noreply@mail.pakt.example.org' } },
          }),
        ]),
      },
    });
  });

  it('alarms on bounce and complaint rates and on dead letters', () => {
    for (const name of ['pakt-dev-ses-bounce-rate', 'pakt-dev-ses-complaint-rate', 'pakt-dev-notify-dlq'])
      s.webApi.hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmName: name,
        AlarmActions: Match.anyValue(),
      });
  });
});
