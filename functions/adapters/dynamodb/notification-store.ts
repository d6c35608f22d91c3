import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { badRequest } from '#core/errors';
import {
  type AddressProblem,
  expiresAfterDays,
  NOTIFICATION_TTL_DAYS,
  type Notification,
  OUTBOX_SENT_TTL_DAYS,
  type OutboxEvent,
  type Preferences,
} from '#core/notifications';
import type { NotificationStore, OutboxItem } from '#ports/notification-store';
import type { Page } from '#ports/submission-store';
import { table } from '../../table.ts';
import {
  addressKey,
  DIGEST_SCOPE,
  mailKey,
  NOTIFICATION_SCHEMA_VERSION,
  notificationKey,
  notificationPartition,
  OUTBOX_SCOPE,
  outboxItem,
  outboxKey,
  preferencesKey,
  reminderKey,
} from './notification-keys.ts';
import { queryAll } from './query.ts';

/** How long an outbox item that gave up stays visible to the admins. */
const FAILED_TTL_DAYS = 90;

const isConditionFailure = (error: unknown) =>
  (error as { name?: string }).name === 'ConditionalCheckFailedException';

const outboxOf = (item: Record<string, unknown>): OutboxItem => ({
  event: item.event as OutboxEvent,
  state: item.state as OutboxItem['state'],
  attempts: Number(item.attempts ?? 0),
  ...(typeof item.retryAt === 'string' ? { retryAt: item.retryAt } : {}),
  ...(typeof item.lastError === 'string' ? { lastError: item.lastError } : {}),
});

const notificationOf = (item: Record<string, unknown>): Notification => item.notification as Notification;

/** Notifications, outbox items and preferences in the one table (keys: `notification-keys.ts`). */
export class DynamoNotificationStore implements NotificationStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async addOutbox(event: OutboxEvent): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: outboxItem(event),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async addReminder(key: string, event: OutboxEvent | undefined, now: Date): Promise<boolean> {
    const marker = {
      Put: {
        TableName: this.tableName,
        Item: {
          ...reminderKey(key),
          entity: 'reminder',
          schemaVersion: NOTIFICATION_SCHEMA_VERSION,
          at: now.toISOString(),
          // Long enough for any deadline to move on; a deadline untouched for longer is reminded again.
          [table.ttlAttribute]: expiresAfterDays(now, 400),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            marker,
            ...(event
              ? [
                  {
                    Put: {
                      TableName: this.tableName,
                      Item: outboxItem(event),
                      ConditionExpression: 'attribute_not_exists(pk)',
                    },
                  },
                ]
              : []),
          ],
        }),
      );
      return true;
    } catch (error) {
      if ((error as { name?: string }).name === 'TransactionCanceledException') return false;
      throw error;
    }
  }

  async getOutbox(id: string): Promise<OutboxItem | undefined> {
    const out = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: outboxKey(id), ConsistentRead: true }),
    );
    return out.Item ? outboxOf(out.Item) : undefined;
  }

  async duePending(now: Date, limit: number): Promise<OutboxItem[]> {
    // The index holds only pending items (sent and failed ones leave it); keys only, then each item.
    const out = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi5',
        KeyConditionExpression: 'gsi5pk = :scope AND gsi5sk <= :now',
        ExpressionAttributeValues: { ':scope': OUTBOX_SCOPE, ':now': `${now.toISOString()}#~` },
        Limit: limit,
      }),
    );
    const items: OutboxItem[] = [];
    for (const key of out.Items ?? []) {
      const id = String(key.pk).replace(/^OUTBOX#/, '');
      const item = await this.getOutbox(id);
      if (item?.state === 'pending') items.push(item);
    }
    return items;
  }

  async markSent(id: string, now: Date): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: outboxKey(id),
        UpdateExpression: 'SET #state = :sent, #ttl = :ttl REMOVE gsi5pk, gsi5sk, retryAt, lastError',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#state': 'state', '#ttl': table.ttlAttribute },
        ExpressionAttributeValues: { ':sent': 'sent', ':ttl': expiresAfterDays(now, OUTBOX_SENT_TTL_DAYS) },
      }),
    );
  }

  async markRetry(id: string, attempts: number, retryAt: string, error: string, failed: boolean) {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: outboxKey(id),
        UpdateExpression: failed
          ? 'SET #state = :failed, attempts = :n, lastError = :e, gsi4pk = :failedScope, gsi4sk = :sk, #ttl = :ttl REMOVE gsi5pk, gsi5sk'
          : 'SET attempts = :n, retryAt = :at, lastError = :e, gsi5sk = :sk',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: failed ? { '#state': 'state', '#ttl': table.ttlAttribute } : undefined,
        ExpressionAttributeValues: {
          ':n': attempts,
          ':e': error.slice(0, 200),
          ':sk': `${retryAt}#${id}`,
          // A failed item is kept for the admins to see, then expires like a sent one (it holds nothing personal).
          ...(failed
            ? {
                ':failed': 'failed',
                ':failedScope': `${OUTBOX_SCOPE}#failed`,
                ':ttl': expiresAfterDays(new Date(retryAt), FAILED_TTL_DAYS),
              }
            : { ':at': retryAt }),
        },
      }),
    );
  }

  async failures(): Promise<{ pending: number; failed: number }> {
    const count = async (index: 'gsi4' | 'gsi5', scope: string) => {
      let total = 0;
      let startKey: Record<string, unknown> | undefined;
      do {
        const out = await this.client.send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: index,
            KeyConditionExpression: `${index}pk = :scope`,
            ExpressionAttributeValues: { ':scope': scope },
            Select: 'COUNT',
            ExclusiveStartKey: startKey,
          }),
        );
        total += out.Count ?? 0;
        startKey = out.LastEvaluatedKey;
      } while (startKey);
      return total;
    };
    const [pending, failed] = await Promise.all([
      count('gsi5', OUTBOX_SCOPE),
      count('gsi4', `${OUTBOX_SCOPE}#failed`),
    ]);
    return { pending, failed };
  }

  async addNotification(sub: string, notification: Notification, now: Date): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...notificationKey(sub, notification.at, notification.eventId),
            entity: 'notification',
            schemaVersion: NOTIFICATION_SCHEMA_VERSION,
            notification,
            unread: 1,
            [table.ttlAttribute]: expiresAfterDays(now, NOTIFICATION_TTL_DAYS),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async list(sub: string, limit: number, cursor?: string): Promise<Page<Notification>> {
    let startKey: Record<string, unknown> | undefined;
    if (cursor) {
      const sk = Buffer.from(cursor, 'base64url').toString('utf8');
      if (!/^N#[^#]+#.{1,300}$/.test(sk))
        throw badRequest('list.bad_cursor', 'The cursor is not valid for this list.');
      startKey = { pk: notificationPartition(sub), sk };
    }
    const out = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :n)',
        ExpressionAttributeValues: { ':pk': notificationPartition(sub), ':n': 'N#' },
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: startKey,
      }),
    );
    const items = (out.Items ?? []).map(notificationOf);
    const last = out.LastEvaluatedKey;
    return last ? { items, nextCursor: Buffer.from(String(last.sk)).toString('base64url') } : { items };
  }

  async unreadCount(sub: string): Promise<number> {
    let total = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const out = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :n)',
          FilterExpression: 'unread = :one',
          ExpressionAttributeValues: { ':pk': notificationPartition(sub), ':n': 'N#', ':one': 1 },
          Select: 'COUNT',
          ExclusiveStartKey: startKey,
        }),
      );
      total += out.Count ?? 0;
      startKey = out.LastEvaluatedKey;
    } while (startKey);
    return total;
  }

  async markRead(sub: string, ids: string[] | 'all', now: Date): Promise<number> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :n)',
      FilterExpression: 'unread = :one',
      ExpressionAttributeValues: { ':pk': notificationPartition(sub), ':n': 'N#', ':one': 1 },
    });
    const wanted = ids === 'all' ? undefined : new Set(ids);
    let changed = 0;
    for (const item of items) {
      const notification = notificationOf(item);
      if (wanted && !wanted.has(notification.id)) continue;
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: item.pk, sk: item.sk },
          UpdateExpression: 'SET notification.readAt = :at REMOVE unread',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':at': now.toISOString() },
        }),
      );
      changed++;
    }
    return changed;
  }

  async claimMail(eventId: string, sub: string, now: Date): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...mailKey(eventId, sub),
            entity: 'mail-claim',
            schemaVersion: NOTIFICATION_SCHEMA_VERSION,
            claimedAt: now.toISOString(),
            [table.ttlAttribute]: expiresAfterDays(now, OUTBOX_SENT_TTL_DAYS),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async releaseMail(eventId: string, sub: string): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: mailKey(eventId, sub) }));
  }

  async markAddress(addressHash: string, problem: AddressProblem, now: Date): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...addressKey(addressHash),
          entity: 'address-problem',
          schemaVersion: NOTIFICATION_SCHEMA_VERSION,
          problem,
          at: now.toISOString(),
        },
      }),
    );
  }

  async addressProblem(addressHash: string): Promise<AddressProblem | undefined> {
    const out = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: addressKey(addressHash) }),
    );
    return out.Item?.problem as AddressProblem | undefined;
  }

  async getPreferences(sub: string): Promise<Preferences | undefined> {
    const out = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: preferencesKey(sub) }),
    );
    return out.Item ? (out.Item.preferences as Preferences) : undefined;
  }

  async putPreferences(sub: string, preferences: Preferences): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...preferencesKey(sub),
          entity: 'preferences',
          schemaVersion: NOTIFICATION_SCHEMA_VERSION,
          preferences,
          ...(preferences.delivery === 'digest' ? { gsi1pk: DIGEST_SCOPE, gsi1sk: sub } : {}),
        },
      }),
    );
  }

  async digestUsers(): Promise<string[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :scope',
      ExpressionAttributeValues: { ':scope': DIGEST_SCOPE },
    });
    return items.map((item) => String(item.gsi1sk));
  }
}
