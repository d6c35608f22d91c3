import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { AppError } from '#core/errors';
import type { RoundExtension, RoundVersion } from '#core/rounds';
import type { RoundStore } from '#ports/round-store';
import { entities, itemHeader, partitionQuery } from '../../table.ts';
import { isConditionFailure } from './errors.ts';
import { queryAll, withoutKeys } from './query.ts';

/** One partition `ROUNDS`, one item per round version (entity `round`). */
export class DynamoRoundStore implements RoundStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async list(): Promise<RoundVersion[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      ...partitionQuery('roundVersions', ''),
    });
    return items.map((item) => withoutKeys<RoundVersion>(item));
  }

  async extension(round: string, org: string): Promise<RoundExtension | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: entities.roundExtension.key(round, org) }),
    );
    return Item ? withoutKeys<RoundExtension>(Item) : undefined;
  }

  async putExtension(extension: RoundExtension): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...itemHeader('roundExtension', entities.roundExtension.key(extension.round, extension.org)),
          ...extension,
        },
      }),
    );
  }

  async write(version: RoundVersion, mode: 'create' | 'replaceDraft'): Promise<void> {
    // Named parts of the condition: a new number must be free; a draft may be replaced, a published version never.
    const isFree = 'attribute_not_exists(pk)';
    const isDraft = 'attribute_exists(pk) AND #status = :draft';
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...itemHeader('round', entities.round.key(version.id, version.version)), ...version },
          ...(mode === 'create'
            ? { ConditionExpression: isFree }
            : {
                ConditionExpression: isDraft,
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':draft': 'draft' },
              }),
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) {
        throw new AppError(
          409,
          'round.version_exists',
          `Version ${version.version} of round ${version.id} exists.`,
          {
            cause: error,
          },
        );
      }
      throw error;
    }
  }
}
