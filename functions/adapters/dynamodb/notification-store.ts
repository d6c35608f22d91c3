import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { PendingEmailChange } from '#core/email-change';
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
import {
  DIGEST_PARTITION,
  entities,
  indexKeys,
  indexOf,
  itemHeader,
  OUTBOX_FAILED_PARTITION,
  OUTBOX_PENDING_PARTITION,
  outboxSortKey,
  partitionPatterns,
  partitionQuery,
  table,
} from '../../table.ts';
import { type TaggedItem, TransactionCancelled, tagged, transactWrite } from './errors.ts';
import { queryAll } from './query.ts';

/** The outbox item as first written (with the change, or by the reminder job): pending, due at once. */
export function outboxItem(event: OutboxEvent): Record<string, unknown> {
  return {
    ...itemHeader('outbox', entities.outbox.key(event.id)),
    event,
    state: 'pending',
    attempts: 0,
    retryAt: event.at,
    ...indexKeys('outboxPending', OUTBOX_PENDING_PARTITION, outboxSortKey(event.at, event.id)),
  };
}

/** The outbox item as a transaction item, for the stores that write it with the change it reports. */
export const outboxPut = (tableName: string, event: OutboxEvent): TaggedItem =>
  tagged(entities.outbox.tag, {
    Put: { TableName: tableName, Item: outboxItem(event), ConditionExpression: 'attribute_not_exists(pk)' },
  });

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

/** The unread notifications of a user: their partition, filtered. */
function unreadOf(sub: string) {
  const query = partitionQuery('notificationsOfUser', sub);
  return {
    ...query,
    FilterExpression: 'unread = :one',
    ExpressionAttributeValues: { ...query.ExpressionAttributeValues, ':one': 1 },
  };
}

const notificationOf = (item: Record<string, unknown>): Notification => item.notification as Notification;

/** Notifications, outbox items and preferences in the one table (keys: the registry, `functions/table.ts`). */
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
    const marker = tagged(entities.reminder.tag, {
      Put: {
        TableName: this.tableName,
        Item: {
          ...itemHeader('reminder', entities.reminder.key(key)),
          at: now.toISOString(),
          // Long enough for any deadline to move on; a deadline untouched for longer is reminded again.
          [table.ttlAttribute]: expiresAfterDays(now, 400),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    });
    try {
      await transactWrite(this.client, [marker, ...(event ? [outboxPut(this.tableName, event)] : [])]);
      return true;
    } catch (error) {
      if (error instanceof TransactionCancelled && error.failedConditions.length > 0) return false;
      throw error;
    }
  }

  async getOutbox(id: string): Promise<OutboxItem | undefined> {
    const out = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: entities.outbox.key(id), ConsistentRead: true }),
    );
    return out.Item ? outboxOf(out.Item) : undefined;
  }

  private async outboxAt(key: Record<string, unknown>): Promise<OutboxItem | undefined> {
    const out = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }),
    );
    return out.Item ? outboxOf(out.Item) : undefined;
  }

  async duePending(now: Date, limit: number): Promise<OutboxItem[]> {
    // The index holds only pending items (sent and failed ones leave it); keys only, then each item.
    const index = indexOf('outboxPending');
    const out = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: index.name,
        KeyConditionExpression: '#pk = :scope AND #sk <= :now',
        ExpressionAttributeNames: { '#pk': index.partitionKey, '#sk': index.sortKey },
        ExpressionAttributeValues: { ':scope': OUTBOX_PENDING_PARTITION, ':now': `${now.toISOString()}#~` },
        Limit: limit,
      }),
    );
    const items: OutboxItem[] = [];
    for (const key of out.Items ?? []) {
      const item = await this.outboxAt({ pk: key.pk, sk: key.sk });
      if (item?.state === 'pending') items.push(item);
    }
    return items;
  }

  async markSent(id: string, now: Date): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: entities.outbox.key(id),
        UpdateExpression: 'SET #state = :sent, #ttl = :ttl REMOVE #pendingPk, #pendingSk, retryAt, lastError',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: {
          '#state': 'state',
          '#ttl': table.ttlAttribute,
          '#pendingPk': indexOf('outboxPending').partitionKey,
          '#pendingSk': indexOf('outboxPending').sortKey,
        },
        ExpressionAttributeValues: { ':sent': 'sent', ':ttl': expiresAfterDays(now, OUTBOX_SENT_TTL_DAYS) },
      }),
    );
  }

  async markRetry(id: string, attempts: number, retryAt: string, error: string, failed: boolean) {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: entities.outbox.key(id),
        UpdateExpression: failed
          ? 'SET #state = :failed, attempts = :n, lastError = :e, #failedPk = :failedScope, #failedSk = :sk, #ttl = :ttl REMOVE #pendingPk, #pendingSk'
          : 'SET attempts = :n, retryAt = :at, lastError = :e, #pendingSk = :sk',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: failed
          ? {
              '#state': 'state',
              '#ttl': table.ttlAttribute,
              '#failedPk': indexOf('outboxFailed').partitionKey,
              '#failedSk': indexOf('outboxFailed').sortKey,
              '#pendingPk': indexOf('outboxPending').partitionKey,
              '#pendingSk': indexOf('outboxPending').sortKey,
            }
          : { '#pendingSk': indexOf('outboxPending').sortKey },
        ExpressionAttributeValues: {
          ':n': attempts,
          ':e': error.slice(0, 200),
          ':sk': outboxSortKey(retryAt, id),
          // A failed item is kept for the admins to see, then expires like a sent one (it holds nothing personal).
          ...(failed
            ? {
                ':failed': 'failed',
                ':failedScope': OUTBOX_FAILED_PARTITION,
                ':ttl': expiresAfterDays(new Date(retryAt), FAILED_TTL_DAYS),
              }
            : { ':at': retryAt }),
        },
      }),
    );
  }

  async failures(): Promise<{ pending: number; failed: number }> {
    const count = async (pattern: 'outboxPending' | 'outboxFailed', scope: string) => {
      const index = indexOf(pattern);
      let total = 0;
      let startKey: Record<string, unknown> | undefined;
      do {
        const out = await this.client.send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: index.name,
            KeyConditionExpression: '#pk = :scope',
            ExpressionAttributeNames: { '#pk': index.partitionKey },
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
      count('outboxPending', OUTBOX_PENDING_PARTITION),
      count('outboxFailed', OUTBOX_FAILED_PARTITION),
    ]);
    return { pending, failed };
  }

  async addNotification(sub: string, notification: Notification, now: Date): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...itemHeader(
              'notification',
              entities.notification.key(sub, notification.at, notification.eventId),
            ),
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
      startKey = { pk: partitionPatterns.notificationsOfUser.pk(sub), sk };
    }
    const out = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        ...partitionQuery('notificationsOfUser', sub),
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
          ...unreadOf(sub),
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
      ...unreadOf(sub),
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
            ...itemHeader('mailClaim', entities.mailClaim.key(eventId, sub)),
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
    await this.client.send(
      new DeleteCommand({ TableName: this.tableName, Key: entities.mailClaim.key(eventId, sub) }),
    );
  }

  async markAddress(addressHash: string, problem: AddressProblem, now: Date): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...itemHeader('addressProblem', entities.addressProblem.key(addressHash)),
          problem,
          at: now.toISOString(),
        },
      }),
    );
  }

  async addressProblem(addressHash: string): Promise<AddressProblem | undefined> {
    const out = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: entities.addressProblem.key(addressHash) }),
    );
    return out.Item?.problem as AddressProblem | undefined;
  }

  async getPreferences(sub: string): Promise<Preferences | undefined> {
    const out = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: entities.preferences.key(sub) }),
    );
    return out.Item ? (out.Item.preferences as Preferences) : undefined;
  }

  async putPreferences(sub: string, preferences: Preferences): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...itemHeader('preferences', entities.preferences.key(sub)),
          preferences,
          ...(preferences.delivery === 'digest' ? indexKeys('digestUsers', DIGEST_PARTITION, sub) : {}),
        },
      }),
    );
  }

  async digestUsers(): Promise<string[]> {
    const index = indexOf('digestUsers');
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      IndexName: index.name,
      KeyConditionExpression: '#pk = :scope',
      ExpressionAttributeNames: { '#pk': index.partitionKey },
      ExpressionAttributeValues: { ':scope': DIGEST_PARTITION },
    });
    return items.map((item) => String(item[index.sortKey]));
  }

  async putEmailChange(sub: string, change: PendingEmailChange): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...itemHeader('emailChange', entities.emailChange.key(sub)),
          change,
          // Removed by TTL a day after the code expired (reads check the expiry themselves).
          [table.ttlAttribute]: Math.floor(Date.parse(change.expiresAt) / 1000) + 86_400,
        },
      }),
    );
  }

  async getEmailChange(sub: string): Promise<PendingEmailChange | undefined> {
    const out = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: entities.emailChange.key(sub), ConsistentRead: true }),
    );
    return out.Item ? (out.Item.change as PendingEmailChange) : undefined;
  }

  async countWrongCode(sub: string, max: number): Promise<PendingEmailChange | undefined> {
    try {
      const out = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: entities.emailChange.key(sub),
          UpdateExpression: 'SET #change.attempts = #change.attempts + :one',
          ConditionExpression: 'attribute_exists(pk) AND #change.attempts < :max',
          ExpressionAttributeNames: { '#change': 'change' },
          ExpressionAttributeValues: { ':one': 1, ':max': max },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return out.Attributes?.change as PendingEmailChange | undefined;
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  }

  async deleteEmailChange(sub: string): Promise<void> {
    await this.client.send(
      new DeleteCommand({ TableName: this.tableName, Key: entities.emailChange.key(sub) }),
    );
  }
}
