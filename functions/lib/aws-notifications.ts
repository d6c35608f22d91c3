import { cognitoClient } from '#adapters/cognito/client';
import { CognitoUserDirectory } from '#adapters/cognito/user-directory';
import { documentClient } from '#adapters/dynamodb/client';
import { DynamoDirectory } from '#adapters/dynamodb/directory';
import { DynamoKeyFigureReportStore } from '#adapters/dynamodb/key-figure-report-store';
import { DynamoNotificationStore } from '#adapters/dynamodb/notification-store';
import { DynamoSubmissionStore } from '#adapters/dynamodb/submission-store';
import { SesMailer } from '#adapters/ses/mailer';
import { config } from './config.ts';
import type { NotificationAdapters, reminderService } from './services.ts';

type Selection = NotificationAdapters & Parameters<typeof reminderService>[0];

let adapters: Selection | undefined;
/**
 * The notification functions' adapters (the stream's delivery, the sweeper, the reminder job, bounce
 * handling and the notification routes): the notification store, the directory, the submissions (read by
 * the reminders) and SES. Built once per container; bundles no S3 client and no other store.
 */
export function awsNotificationAdapters(): Selection {
  if (!adapters) {
    const { tableName, appUrl, mailSenders, sesConfigurationSet, dependencyTimeoutMs, userDirectory } =
      config();
    adapters = {
      notifications: new DynamoNotificationStore(documentClient, tableName),
      directory: new DynamoDirectory(documentClient, tableName),
      submissions: new DynamoSubmissionStore(documentClient, tableName),
      keyFigureReports: new DynamoKeyFigureReportStore(documentClient, tableName),
      mailer: new SesMailer({ timeoutMs: dependencyTimeoutMs, configurationSet: sesConfigurationSet }),
      mail: { appUrl, senders: mailSenders },
      // A confirmed e-mail address goes to the user pool too; locally the sign-in reads the profile itself.
      ...(userDirectory.kind === 'cognito' && userDirectory.userPoolId
        ? { identities: new CognitoUserDirectory(cognitoClient, userDirectory.userPoolId) }
        : {}),
      now: () => new Date(),
    };
  }
  return adapters;
}
