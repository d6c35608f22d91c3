import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Organisation, UserProfile } from '#core/model';
import type { Directory } from '#ports/directory';

const KEYS = ['pk', 'sk', 'entity', 'schemaVersion', 'gsi1pk', 'gsi1sk', 'summary'];
function strip<T>(item: Record<string, unknown>): T {
  const copy = { ...item };
  for (const k of KEYS) delete copy[k];
  return copy as T;
}

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
    const items = await this.queryAll({
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
    const items = await this.queryAll({
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

  private async queryAll(input: Omit<ConstructorParameters<typeof QueryCommand>[0], 'TableName'>) {
    const out: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({ ...input, TableName: this.tableName, ExclusiveStartKey: startKey }),
      );
      out.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return out;
  }
}
