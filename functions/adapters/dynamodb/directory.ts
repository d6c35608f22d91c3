import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { notFound } from '#core/errors';
import type { Organisation, UserProfile } from '#core/model';
import { profileChanged } from '#core/org-profile';
import type { Directory, ProfileChange } from '#ports/directory';
import { entities, indexKeys, indexOf, itemHeader, partitionQuery, usersOfOrg } from '../../table.ts';
import { isConditionFailure } from './errors.ts';
import { queryAll, withoutKeys } from './query.ts';

const strip = <T>(item: Record<string, unknown>) => withoutKeys<T>(item);

/** A user profile as stored: the item, its summary (what the organisation index projects) and index keys. */
export const userItem = (user: UserProfile) => ({
  ...itemHeader('user', entities.user.key(user.sub)),
  ...user,
  summary: user,
  ...indexKeys('usersByOrg', usersOfOrg(user.org), user.sub),
});

/** Organisations and user profiles (entities `organisation` and `user`; users also by organisation). */
export class DynamoDirectory implements Directory {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async getOrganisation(id: string) {
    const out = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: entities.organisation.key(id) }),
    );
    return out.Item ? strip<Organisation>(out.Item) : undefined;
  }

  async listOrganisations() {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      ...partitionQuery('organisations', ''),
    });
    return items.map((i) => strip<Organisation>(i));
  }

  async putOrganisation(org: Organisation) {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...itemHeader('organisation', entities.organisation.key(org.id)), ...org },
      }),
    );
  }

  async updateProfile(id: string, change: ProfileChange) {
    const { profile, expectedVersion, at, by } = change;
    const set = ['#version = :next', '#at = :at', '#by = :by'];
    const remove: string[] = [];
    const names: Record<string, string> = {
      '#pk': 'pk',
      '#version': 'profileVersion',
      '#at': 'profileUpdatedAt',
      '#by': 'profileUpdatedBy',
    };
    const values: Record<string, unknown> = {
      ':next': expectedVersion + 1,
      ':expected': expectedVersion,
      ':at': at,
      ':by': by,
    };
    for (const part of ['address', 'contact', 'bankAccount'] as const) {
      names[`#${part}`] = part;
      if (profile[part] === undefined) remove.push(`#${part}`);
      else {
        set.push(`#${part} = :${part}`);
        values[`:${part}`] = profile[part];
      }
    }
    // A profile never changed has no version: version 0 is expected then.
    const versionCondition =
      expectedVersion === 0
        ? '(attribute_not_exists(#version) OR #version = :expected)'
        : '#version = :expected';
    try {
      const out = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: entities.organisation.key(id),
          UpdateExpression: `SET ${set.join(', ')}${remove.length ? ` REMOVE ${remove.join(', ')}` : ''}`,
          ConditionExpression: `attribute_exists(#pk) AND ${versionCondition}`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }),
      );
      return strip<Organisation>(out.Attributes ?? {});
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      // Which of the two conditions failed: the organisation is gone, or its profile moved on.
      if (!(await this.getOrganisation(id)))
        throw notFound('organisation.not_found', 'Organisation not found.');
      throw profileChanged();
    }
  }

  async setAgs(id: string, ags: string | undefined) {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: entities.organisation.key(id),
        UpdateExpression: ags === undefined ? 'REMOVE #ags' : 'SET #ags = :ags',
        ConditionExpression: 'attribute_exists(#pk)',
        ExpressionAttributeNames: { '#ags': 'ags', '#pk': 'pk' },
        ...(ags === undefined ? {} : { ExpressionAttributeValues: { ':ags': ags } }),
      }),
    );
  }

  async deleteOrganisation(id: string) {
    await this.client.send(
      new DeleteCommand({ TableName: this.tableName, Key: entities.organisation.key(id) }),
    );
  }

  async getUser(sub: string) {
    const out = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: entities.user.key(sub) }),
    );
    return out.Item ? strip<UserProfile>(out.Item) : undefined;
  }

  async listUsers(org: string) {
    // The index projects only keys and the summary, which for a user is the profile itself.
    const index = indexOf('usersByOrg');
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      IndexName: index.name,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': index.partitionKey },
      ExpressionAttributeValues: { ':pk': usersOfOrg(org) },
    });
    return items.map((i) => i.summary as UserProfile);
  }

  async putUser(user: UserProfile) {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: userItem(user),
      }),
    );
  }
}
