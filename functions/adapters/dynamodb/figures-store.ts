import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  type NativeAttributeValue,
} from '@aws-sdk/lib-dynamodb';
import { figuresDelta } from '#core/figures-aggregate';
import type { FiguresRecord } from '#core/key-figures';
import type { FiguresStore, FiguresWrite, StoredAggregate } from '#ports/figures-store';
import { entities, itemHeader, partitionQuery } from '../../table.ts';
import {
  isConditionFailure,
  type TaggedItem,
  TransactionCancelled,
  tagged,
  transactWrite,
} from './errors.ts';
import { queryAll, withoutKeys } from './query.ts';

/**
 * How often a record was written since aggregates exist; absent on records written before (not yet counted
 * in the aggregate). A record is only ever rewritten on the condition that this is still what was read, so
 * the change added to the aggregate is always against the record that is replaced.
 */
const COUNTED = 'counted';

const recordOf = (item: Record<string, unknown>): FiguresRecord => {
  const { [COUNTED]: _counted, ...rest } = withoutKeys<Record<string, unknown>>(item);
  return rest as unknown as FiguresRecord;
};

/** The aggregate item's version, moved on by every change (not a counter: counter names start with a year kind). */
const VERSION = 'version';

/** The `ADD` of a delta to an organisation's aggregate item, or nothing if the delta is empty. */
function aggregateUpdate(tableName: string, org: string, delta: Record<string, number>): TaggedItem[] {
  const entries = Object.entries(delta);
  if (entries.length === 0) return [];
  const key = entities.figuresAggregate.key(org);
  const names: Record<string, string> = { '#e': 'entity', '#sv': 'schemaVersion', '#ver': VERSION };
  const values: Record<string, NativeAttributeValue> = {
    ':one': 1,
    ':e': entities.figuresAggregate.tag,
    ':sv': itemHeader('figuresAggregate', key).schemaVersion,
  };
  const adds = entries.map(([name, n], i) => {
    names[`#${i}`] = name;
    values[`:${i}`] = n;
    return `#${i} :${i}`;
  });
  return [
    tagged('figuresAggregate', {
      Update: {
        TableName: tableName,
        Key: key,
        UpdateExpression: `ADD #ver :one, ${adds.join(', ')} SET #e = :e, #sv = :sv`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    }),
  ];
}

/**
 * The transaction items that write a plan's figures record and change its organisation's aggregate by the
 * difference to the record it replaces (read here, consistently; the write is conditional on it unchanged).
 */
export async function figuresWriteItems(
  client: DynamoDBDocumentClient,
  tableName: string,
  { planId, record }: FiguresWrite,
): Promise<TaggedItem[]> {
  const key = entities.figures.key(record.org, planId);
  const out = await client.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
  const old = out.Item;
  const stamp = typeof old?.[COUNTED] === 'number' ? (old[COUNTED] as number) : undefined;
  const before = old && stamp !== undefined ? recordOf(old) : undefined;
  const condition = !old
    ? { ConditionExpression: 'attribute_not_exists(pk)' }
    : stamp === undefined
      ? {
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#c)',
          ExpressionAttributeNames: { '#c': COUNTED },
        }
      : {
          ConditionExpression: '#c = :c',
          ExpressionAttributeNames: { '#c': COUNTED },
          ExpressionAttributeValues: { ':c': stamp },
        };
  return [
    tagged('figures', {
      Put: {
        TableName: tableName,
        Item: { ...itemHeader('figures', key), ...record, [COUNTED]: (stamp ?? 0) + 1 },
        ...condition,
      },
    }),
    ...aggregateUpdate(tableName, record.org, figuresDelta(before, record)),
  ];
}

/** BatchGetItem takes at most 100 keys. */
const BATCH_GET = 100;

/**
 * One partition per organisation, one item per plan (entity `figures`, written by the submission store), and
 * one aggregate item per organisation (entity `figuresAggregate`).
 */
export class DynamoFiguresStore implements FiguresStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async listByOrg(org: string): Promise<FiguresRecord[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      ...partitionQuery('figuresOfOrg', org),
    });
    return items.map(recordOf);
  }

  /** BatchGetItem of the organisations' aggregate items, 100 keys a request, the requests in parallel. */
  private async batchGet(
    orgs: readonly string[],
    projection?: { ProjectionExpression: string; ExpressionAttributeNames: Record<string, string> },
  ): Promise<Map<string, Record<string, unknown>>> {
    const found = new Map<string, Record<string, unknown>>();
    const chunks: string[][] = [];
    for (let i = 0; i < orgs.length; i += BATCH_GET) chunks.push(orgs.slice(i, i + BATCH_GET));
    await Promise.all(
      chunks.map(async (chunk) => {
        let keys: Record<string, NativeAttributeValue>[] = chunk.map((org) =>
          entities.figuresAggregate.key(org),
        );
        while (keys.length) {
          const out = await this.client.send(
            new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys, ...projection } } }),
          );
          for (const item of out.Responses?.[this.tableName] ?? [])
            found.set(String(item.pk).slice('FIGAGG#'.length), item);
          keys = out.UnprocessedKeys?.[this.tableName]?.Keys ?? [];
        }
      }),
    );
    return found;
  }

  async aggregates(orgs: readonly string[]): Promise<Map<string, StoredAggregate>> {
    const found = new Map<string, StoredAggregate>();
    for (const [org, item] of await this.batchGet(orgs)) {
      const { [VERSION]: version, ...rest } = withoutKeys<Record<string, number>>(item);
      // A counter that came back to 0 stays stored (ADD cannot remove it); it counts nothing.
      const counts: Record<string, number> = {};
      for (const [name, n] of Object.entries(rest)) if (n !== 0) counts[name] = n;
      found.set(org, { version: version ?? 0, counts });
    }
    return found;
  }

  async aggregateVersions(orgs: readonly string[]): Promise<Map<string, number>> {
    const items = await this.batchGet(orgs, {
      ProjectionExpression: '#pk, #v',
      ExpressionAttributeNames: { '#pk': 'pk', '#v': VERSION },
    });
    return new Map([...items].map(([org, item]) => [org, Number(item[VERSION] ?? 0)]));
  }

  /** Writes the record unless the plan has one already (a backfill must never overwrite a newer record). */
  async putIfAbsent({ planId, record }: FiguresWrite): Promise<boolean> {
    try {
      await transactWrite(this.client, [
        tagged('figures', {
          Put: {
            TableName: this.tableName,
            Item: {
              ...itemHeader('figures', entities.figures.key(record.org, planId)),
              ...record,
              [COUNTED]: 1,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        }),
        ...aggregateUpdate(this.tableName, record.org, figuresDelta(undefined, record)),
      ]);
      return true;
    } catch (error) {
      if (error instanceof TransactionCancelled && error.failedConditions.length > 0) return false;
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async countUncounted(org: string): Promise<number> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      ...partitionQuery('figuresOfOrg', org),
    });
    let counted = 0;
    for (const item of items) {
      if (item[COUNTED] !== undefined) continue;
      const record = recordOf(item);
      try {
        await transactWrite(this.client, [
          tagged('figures', {
            Update: {
              TableName: this.tableName,
              Key: entities.figures.key(org, String(item.sk)),
              UpdateExpression: 'SET #c = :one',
              // Rewritten meanwhile by an approval: that write counted it already.
              ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#c)',
              ExpressionAttributeNames: { '#c': COUNTED },
              ExpressionAttributeValues: { ':one': 1 },
            },
          }),
          ...aggregateUpdate(this.tableName, org, figuresDelta(undefined, record)),
        ]);
        counted += 1;
      } catch (error) {
        if (!(error instanceof TransactionCancelled && error.failedConditions.length > 0)) throw error;
      }
    }
    return counted;
  }
}
