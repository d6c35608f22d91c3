import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { conflict } from '#core/errors';
import type { UserProfile } from '#core/model';
import type { UserAuditEntry } from '#core/user-admin';
import type { UserRecords } from '#ports/user-records';
import { entities, itemHeader, partitionQuery } from '../../table.ts';
import { DynamoDirectory, userItem } from './directory.ts';
import { TransactionCancelled, tagged, transactWrite } from './errors.ts';
import { queryAll, withoutKeys } from './query.ts';

/**
 * User profiles (entity `user`, the directory's items) and their audit (entity `user-audit`): each change
 * writes the profile, on the condition that it is still as read, and its audit entry in one transaction.
 */
export class DynamoUserRecords implements UserRecords {
  private readonly directory: DynamoDirectory;

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    this.directory = new DynamoDirectory(client, tableName);
  }

  async listAll() {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      ...partitionQuery('allUsers', ''),
    });
    return items.map((i) => withoutKeys<UserProfile>(i));
  }

  get(sub: string) {
    return this.directory.getUser(sub);
  }

  async audit(sub: string) {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      ...partitionQuery('auditOfUser', sub),
    });
    return items.map((i) => withoutKeys<UserAuditEntry>(i));
  }

  private auditPut(entry: UserAuditEntry) {
    return tagged('userAudit', {
      Put: {
        TableName: this.tableName,
        Item: { ...itemHeader('userAudit', entities.userAudit.key(entry.sub, entry.at, entry.id)), ...entry },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    });
  }

  /** The other admin a change that takes an admin away relies on: still an active admin when it is written. */
  private keeperCheck(sub: string) {
    return tagged('keeper', {
      ConditionCheck: {
        TableName: this.tableName,
        Key: entities.user.key(sub),
        ConditionExpression: '#role = :admin AND (attribute_not_exists(#active) OR #active = :true)',
        ExpressionAttributeNames: { '#role': 'role', '#active': 'active' },
        ExpressionAttributeValues: { ':admin': 'admin', ':true': true },
      },
    });
  }

  async create(profile: UserProfile, entry: UserAuditEntry) {
    try {
      await transactWrite(this.client, [
        tagged('user', {
          Put: {
            TableName: this.tableName,
            Item: userItem(profile),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        }),
        this.auditPut(entry),
      ]);
    } catch (error) {
      if (error instanceof TransactionCancelled && error.conditionFailed('user'))
        throw conflict('users.exists', `A user ${profile.sub} exists.`);
      throw error;
    }
  }

  async update(before: UserProfile, after: UserProfile, entry: UserAuditEntry, keeper?: string) {
    // Named parts: the profile is still the one read (role, organisation, active state).
    const sameRole = '#role = :role';
    const sameOrg = '#org = :org';
    const sameActive =
      before.active === false ? '#active = :false' : '(attribute_not_exists(#active) OR #active = :true)';
    try {
      await transactWrite(this.client, [
        tagged('user', {
          Put: {
            TableName: this.tableName,
            Item: userItem(after),
            ConditionExpression: `${sameRole} AND ${sameOrg} AND ${sameActive}`,
            ExpressionAttributeNames: { '#role': 'role', '#org': 'org', '#active': 'active' },
            ExpressionAttributeValues: {
              ':role': before.role,
              ':org': before.org,
              ...(before.active === false ? { ':false': false } : { ':true': true }),
            },
          },
        }),
        this.auditPut(entry),
        ...(keeper ? [this.keeperCheck(keeper)] : []),
      ]);
    } catch (error) {
      if (error instanceof TransactionCancelled && error.conditionFailed('user'))
        throw conflict('users.changed', `User ${before.sub} was changed meanwhile.`);
      if (error instanceof TransactionCancelled && error.conditionFailed('keeper'))
        throw conflict('users.last_admin', 'The platform would be left without an active admin.');
      throw error;
    }
  }
}
