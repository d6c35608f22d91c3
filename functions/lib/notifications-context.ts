import { documentClient } from '#adapters/dynamodb/client';
import { DynamoDirectory } from '#adapters/dynamodb/directory';
import { DynamoNotificationStore } from '#adapters/dynamodb/notification-store';
import { DynamoSubmissionStore } from '#adapters/dynamodb/submission-store';
import { SesMailer } from '#adapters/ses/mailer';
import { NotificationService } from '#services/notification-service';
import { ReminderService } from '#services/reminder-service';
import { RetentionGuardStore } from '#services/retention-guard';
import { config } from './config.ts';

/** The notification use cases and the outbox delivery, built once per container from the configuration. */
function build() {
  const { tableName, appUrl, mailSenders, sesConfigurationSet } = config();
  return new NotificationService({
    store: new DynamoNotificationStore(documentClient, tableName),
    directory: new DynamoDirectory(documentClient, tableName),
    mailer: new SesMailer(sesConfigurationSet),
    mail: { appUrl, senders: mailSenders },
    now: () => new Date(),
  });
}

let built: NotificationService | undefined;
export const notificationService = () => {
  built ??= build();
  return built;
};

let reminders: ReminderService | undefined;
export const reminderService = () => {
  if (!reminders) {
    const { tableName } = config();
    const now = () => new Date();
    reminders = new ReminderService({
      // Reads only, through the retention guard: nothing due for erasure is reminded of.
      submissions: new RetentionGuardStore(new DynamoSubmissionStore(documentClient, tableName), now),
      directory: new DynamoDirectory(documentClient, tableName),
      store: new DynamoNotificationStore(documentClient, tableName),
      now,
    });
  }
  return reminders;
};
