import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Organisation, UserProfile } from '#core/model';
import type { Directory } from '#ports/directory';
import { entities, indexKeys, indexOf, itemHeader, partitionQuery, usersOfOrg } from '../../table.ts';
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
