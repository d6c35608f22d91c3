import { join } from 'node:path';
import { Duration, Stack, TimeZone, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SnsEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import {
  ConfigurationSet,
  ConfigurationSetEventDestination,
  EmailIdentity,
  EmailSendingEvent,
  EventDestination,
  Identity,
  SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { StageConfig } from '../config.ts';
import { AppFunction } from './app-function.ts';
import { acknowledgeWildcardResource } from './nag.ts';

export interface NotificationsProps {
  readonly config: StageConfig;
  /** The one table, with a stream of new images (see `functions/table.ts`). */
  readonly table: ITable;
  readonly tableIndexNames: readonly string[];
  readonly projectRoot: string;
  /** The web app's address, for links in mails. */
  readonly webOrigin: string;
}

/**
 * Notifications in AWS: the table's stream feeds the delivery function (only new outbox items, filtered by
 * the event source mapping; failed batches are bisected and end in a dead-letter queue), a sweeper every
 * 15 minutes resends what the stream left behind, mails go through SES v2 from a DKIM-signed domain
 * identity with a configuration set (account suppression list for bounces and complaints), whose bounce
 * and complaint events mark the address. Alarms: dead letters, delivery errors, bounce and complaint rates.
 */
export class Notifications extends Construct {
  readonly deliver: AppFunction;
  readonly sweep: AppFunction;
  readonly feedback: AppFunction;
  readonly remind: AppFunction;
  readonly deadLetters: Queue;
  readonly identity: EmailIdentity;
  readonly configurationSet: ConfigurationSet;
  readonly alarms: Alarm[];

  constructor(scope: Construct, id: string, props: NotificationsProps) {
    super(scope, id);
    const { config } = props;
    const domain = config.mailDomain ?? config.domainName ?? `${config.namePrefix}.example.org`;
    const sender = `noreply@${domain}`;

    this.identity = new EmailIdentity(this, 'Identity', { identity: Identity.domain(domain) });
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      configurationSetName: `${config.namePrefix}-mail`,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      reputationMetrics: true,
    });

    const fn = (name: string, entry: string, description: string, timeout = Duration.seconds(60)) => {
      const f = new AppFunction(this, name, {
        entry: join(props.projectRoot, 'functions', 'events', entry),
        projectRoot: props.projectRoot,
        description,
        serviceName: config.serviceName,
        logLevel: config.logLevel,
        logRetention: config.retention.logs,
        timeout,
      });
      f.bindTable(props.table, { indexNames: props.tableIndexNames });
      return f;
    };
    const mailEnvironment = (f: AppFunction) => {
      f.function.addEnvironment('APP_URL', props.webOrigin);
      f.function.addEnvironment('MAIL_SENDERS', JSON.stringify({ default: { from: sender } }));
      f.function.addEnvironment('SES_CONFIGURATION_SET', this.configurationSet.configurationSetName);
      f.role.addToPrincipalPolicy(
        new PolicyStatement({
          actions: ['ses:SendEmail'],
          resources: [
            `arn:${Stack.of(this).partition}:ses:${Stack.of(this).region}:${Stack.of(this).account}:identity/${domain}`,
            `arn:${Stack.of(this).partition}:ses:${Stack.of(this).region}:${Stack.of(this).account}:configuration-set/${this.configurationSet.configurationSetName}`,
          ],
          conditions: { StringEquals: { 'ses:FromAddress': sender } },
        }),
      );
    };

    this.deliver = fn('Deliver', 'notify.ts', 'Pakt für Integration: delivers notification outbox items');
    mailEnvironment(this.deliver);
    this.deadLetters = new Queue(this, 'DeliverDlq', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetters).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is the failure destination of the stream event source mapping, not a source queue.',
    });
    this.deliver.function.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 25,
        bisectBatchOnError: true,
        retryAttempts: 5,
        maxRecordAge: Duration.hours(24),
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(this.deadLetters),
        filters: [
          FilterCriteria.filter({
            eventName: FilterRule.isEqual('INSERT'),
            dynamodb: { NewImage: { entity: { S: FilterRule.isEqual('outbox') } } },
          }),
        ],
      }),
    );

    // The event source mapping's grant: dynamodb:ListStreams has no resource-level permission.
    Validations.of(this.deliver.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'dynamodb:ListStreams (added with the stream grant) supports no resource other than "*"; reading is granted on the table stream only.',
    });
    this.sweep = fn(
      'Sweep',
      'notify-sweep.ts',
      'Pakt für Integration: resends notification stragglers',
      Duration.minutes(5),
    );
    mailEnvironment(this.sweep);
    const role = new Role(this, 'SweepSchedulerRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
      description: 'Lets EventBridge Scheduler invoke the notification sweeper, nothing else',
    });
    new Schedule(this, 'SweepSchedule', {
      description: 'Every 15 minutes: notification outbox items the stream left behind, and due retries',
      schedule: ScheduleExpression.cron({ minute: '0/15', timeZone: TimeZone.EUROPE_BERLIN }),
      target: new LambdaInvoke(this.sweep.function, { role, retryAttempts: 2 }),
    });
    acknowledgeWildcardResource(
      role,
      `${this.sweep.function.functionArn}:*`,
      'lambda:InvokeFunction on the versions and aliases of the one sweeper function (CDK grants "<arn>:*" with the function).',
    );

    this.remind = fn('Remind', 'remind.ts', 'Pakt für Integration: deadline reminders', Duration.minutes(5));
    // It sends the daily digests too.
    mailEnvironment(this.remind);
    const remindRole = new Role(this, 'RemindSchedulerRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
      description: 'Lets EventBridge Scheduler invoke the reminder job, nothing else',
    });
    new Schedule(this, 'RemindDaily', {
      description: 'Daily deadline reminders (plan reviews, key figures), Berlin time',
      schedule: ScheduleExpression.cron({ hour: '6', minute: '30', timeZone: TimeZone.EUROPE_BERLIN }),
      target: new LambdaInvoke(this.remind.function, { role: remindRole, retryAttempts: 2 }),
    });
    acknowledgeWildcardResource(
      remindRole,
      `${this.remind.function.functionArn}:*`,
      'lambda:InvokeFunction on the versions and aliases of the one reminder function (CDK grants "<arn>:*" with the function).',
    );

    this.feedback = fn(
      'Feedback',
      'mail-feedback.ts',
      'Pakt für Integration: marks bounced and complained addresses',
    );
    const feedbackTopic = new Topic(this, 'FeedbackTopic', {
      displayName: `${config.namePrefix} mail bounces and complaints`,
      enforceSSL: true,
      // SES publishes to it: an AWS-managed key would not let SES encrypt.
    });
    Validations.of(feedbackTopic).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason:
        'SES event destinations cannot publish to a topic encrypted with the AWS-managed SNS key; the messages hold an address and a bounce type.',
    });
    new ConfigurationSetEventDestination(this, 'FeedbackDestination', {
      configurationSet: this.configurationSet,
      destination: EventDestination.snsTopic(feedbackTopic),
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT],
    });
    this.feedback.function.addEventSource(new SnsEventSource(feedbackTopic));

    const rate = (name: string) =>
      new Metric({ namespace: 'AWS/SES', metricName: name, period: Duration.hours(1), statistic: 'Maximum' });
    this.alarms = [
      new Alarm(this, 'BounceRate', {
        alarmName: `${config.namePrefix}-ses-bounce-rate`,
        alarmDescription: 'SES bounce rate above 5 % (SES reviews the account at 5 %, pauses at 10 %).',
        metric: rate('Reputation.BounceRate'),
        threshold: 0.05,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
      new Alarm(this, 'ComplaintRate', {
        alarmName: `${config.namePrefix}-ses-complaint-rate`,
        alarmDescription: 'SES complaint rate above 0.1 % (SES reviews the account at 0.1 %).',
        metric: rate('Reputation.ComplaintRate'),
        threshold: 0.001,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
      new Alarm(this, 'DeliverDeadLetters', {
        alarmName: `${config.namePrefix}-notify-dlq`,
        alarmDescription:
          'Stream records could not be handled; the sweeper resends their outbox items. Check why.',
        metric: this.deadLetters.metricApproximateNumberOfMessagesVisible({
          period: Duration.minutes(5),
          statistic: 'Maximum',
        }),
        threshold: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
      new Alarm(this, 'DeliverErrors', {
        alarmName: `${config.namePrefix}-notify-errors`,
        alarmDescription: 'The notification delivery function failed.',
        metric: this.deliver.function.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
        threshold: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    ];
  }
}
