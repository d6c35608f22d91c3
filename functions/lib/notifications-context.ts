import { documentClient } from '#adapters/dynamodb/client';
import { DynamoDirectory } from '#adapters/dynamodb/directory';
import { DynamoNotificationStore } from '#adapters/dynamodb/notification-store';
import { SesMailer } from '#adapters/ses/mailer';
import { NotificationService } from '#services/notification-service';
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
