import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Organisation, UserProfile } from '#core/model';
import type { Directory } from '#ports/directory';
import { queryAll, withoutKeys } from './query.ts';

const strip = <T>(item: Record<string, unknown>) => withoutKeys<T>(item);

/** Organisations under pk `ORG`, user profiles under pk `USER` (and by organisation in gsi1). */
export class DynamoDirectory implements Directory {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async getOrganisation(id: string) {
    const out = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: 'ORG', sk: id } }),
    );
    return out.Item ? strip<Organisation>(out.Item) : undefined;
  }

  async listOrganisations() {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': 'ORG' },
    });
    return items.map((i) => strip<Organisation>(i));
  }

  async putOrganisation(org: Organisation) {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk: 'ORG', sk: org.id, entity: 'organisation', schemaVersion: 1, ...org },
      }),
    );
  }

  async getUser(sub: string) {
    const out = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: 'USER', sk: sub } }),
    );
    return out.Item ? strip<UserProfile>(out.Item) : undefined;
  }

  async listUsers(org: string) {
    // The index projects only keys and the summary, which for a user is the profile itself.
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': `ORGUSERS#${org}` },
    });
    return items.map((i) => i.summary as UserProfile);
  }

  async putUser(user: UserProfile) {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          pk: 'USER',
          sk: user.sub,
          entity: 'user',
          schemaVersion: 1,
          ...user,
          summary: user,
          gsi1pk: `ORGUSERS#${user.org}`,
          gsi1sk: user.sub,
        },
      }),
    );
  }
}
