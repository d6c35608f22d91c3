import { type DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { conflict } from '#core/errors';
import type { FormVersion } from '#core/forms';
import type { FormStore } from '#ports/form-store';
import { cancellationCodes } from './errors.ts';
import { queryAll } from './query.ts';

const versionKey = (id: string, version: number) => ({
  pk: `FORM#${id}`,
  sk: `V#${String(version).padStart(6, '0')}`,
});

/** Form versions published at run time: immutable items, plus a catalogue entry per form with its latest number. */
export class DynamoFormStore implements FormStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async catalogue() {
    const latest: Record<string, number> = Object.create(null);
    for (const item of await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': 'FORMS' },
    }))
      latest[String(item.sk)] = Number(item.latest);
    return latest;
  }

  async get(formId: string, version: number) {
    const out = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: versionKey(formId, version) }),
    );
    if (!out.Item) return undefined;
    const { pk: _pk, sk: _sk, entity: _e, schemaVersion: _s, ...stored } = out.Item;
    return stored as FormVersion & { validatorCode?: string };
  }

  async publish(version: FormVersion & { validatorCode: string }) {
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  ...versionKey(version.id, version.version),
                  entity: 'form-version',
                  schemaVersion: 1,
                  ...version,
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  pk: 'FORMS',
                  sk: version.id,
                  entity: 'form',
                  schemaVersion: 1,
                  latest: version.version,
                },
                ConditionExpression: 'attribute_not_exists(pk) OR latest < :v',
                ExpressionAttributeValues: { ':v': version.version },
              },
            },
          ],
        }),
      );
    } catch (error) {
      if (
        cancellationCodes(error)?.some((c) => c === 'ConditionalCheckFailed' || c === 'TransactionConflict')
      ) {
        throw conflict('form.version_exists', 'That form version was published meanwhile; try again.');
      }
      throw error;
    }
  }
}
