import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Allocation, AllocationChange, AllocationStore } from '#ports/allocation-store';
import { entities, partitionQuery, SCHEMA_VERSION } from '../../table.ts';
import { type TaggedItem, tagged } from './errors.ts';
import { queryAll, withoutKeys } from './query.ts';

const strip = (item: Record<string, unknown>) => withoutKeys<Allocation>(item);

/**
 * The transactional update of one organisation's counters (used by the submission store's transaction),
 * tagged `allocation`: its failed condition means the frame would be exceeded.
 */
export function allocationUpdate(tableName: string, change: AllocationChange): TaggedItem {
  const limited = change.approvedAtMost !== undefined;
  return tagged('allocation', {
    Update: {
      TableName: tableName,
      Key: entities.allocation.key(change.round, change.org),
      UpdateExpression: 'ADD #approved :a, #inReview :r',
      ConditionExpression: limited ? 'attribute_exists(pk) AND #approved <= :max' : 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#approved': 'approved', '#inReview': 'inReview' },
      ExpressionAttributeValues: {
        ':a': change.approvedDelta,
        ':r': change.inReviewDelta,
        ...(limited ? { ':max': change.approvedAtMost } : {}),
      },
    },
  });
}

/** Planning frames (entity `allocation`), one partition per round, one item per organisation. */
export class DynamoAllocationStore implements AllocationStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(round: string, org: string) {
    const out = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: entities.allocation.key(round, org) }),
    );
    return out.Item ? strip(out.Item) : undefined;
  }

  async list(round: string) {
    const items: Allocation[] = [];
    for (const item of await queryAll(this.client, {
      TableName: this.tableName,
      ...partitionQuery('framesOfRound', round),
    }))
      items.push(strip(item));
    return items;
  }

  async importFrame(a: Omit<Allocation, 'approved' | 'inReview'>) {
    const fields: Record<string, unknown> = {
      entity: entities.allocation.tag,
      schemaVersion: SCHEMA_VERSION,
      ...a,
    };
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = { ':zero': 0 };
    const sets = Object.entries(fields)
      .filter(([, v]) => v !== undefined)
      .map(([k, v], i) => {
        names[`#f${i}`] = k;
        values[`:v${i}`] = v;
        return `#f${i} = :v${i}`;
      });
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: entities.allocation.key(a.round, a.org),
        UpdateExpression: `SET ${sets.join(', ')}, #approved = if_not_exists(#approved, :zero), #inReview = if_not_exists(#inReview, :zero)`,
        ExpressionAttributeNames: { ...names, '#approved': 'approved', '#inReview': 'inReview' },
        ExpressionAttributeValues: values,
      }),
    );
  }
}
