import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { conflict } from '#core/errors';
import type { FormVersion } from '#core/forms';
import type { FormStore } from '#ports/form-store';
import { entities, itemHeader, partitionQuery } from '../../table.ts';
import { TransactionCancelled, tagged, transactWrite } from './errors.ts';
import { queryAll } from './query.ts';

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
      ...partitionQuery('formCatalogue', ''),
    }))
      latest[String(item.sk)] = Number(item.latest);
    return latest;
  }

  async get(formId: string, version: number) {
    const out = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: entities.formVersion.key(formId, version) }),
    );
    if (!out.Item) return undefined;
    const { pk: _pk, sk: _sk, entity: _e, schemaVersion: _s, ...stored } = out.Item;
    return stored as FormVersion & { validatorCode?: string };
  }

  async publish(version: FormVersion & { validatorCode: string }) {
    try {
      await transactWrite(
        this.client,
        [
          tagged('formVersion', {
            Put: {
              TableName: this.tableName,
              Item: {
                ...itemHeader('formVersion', entities.formVersion.key(version.id, version.version)),
                ...version,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          }),
          tagged('form', {
            Put: {
              TableName: this.tableName,
              Item: { ...itemHeader('form', entities.form.key(version.id)), latest: version.version },
              ConditionExpression: 'attribute_not_exists(pk) OR latest < :v',
              ExpressionAttributeValues: { ':v': version.version },
            },
          }),
        ],
        1,
      );
    } catch (error) {
      // Either the version exists or a newer one is the latest: someone published meanwhile.
      if (error instanceof TransactionCancelled) {
        throw conflict('form.version_exists', 'That form version was published meanwhile; try again.');
      }
      throw error;
    }
  }
}
