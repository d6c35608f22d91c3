import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { conflict } from '#core/errors';
import type { Allocation, AllocationChange, AllocationStore, FrameImport } from '#ports/allocation-store';
import { entities, partitionQuery, SCHEMA_VERSION } from '../../table.ts';
import { type TaggedItem, TransactionCancelled, tagged, transactWrite } from './errors.ts';
import { queryAll, withoutKeys } from './query.ts';

const strip = (item: Record<string, unknown>) => withoutKeys<Allocation>(item);

/**
 * The transactional update of one organisation's counters (used by the submission store's transaction),
 * tagged `allocation`: its failed condition means the frame would be exceeded.
 */
export function allocationUpdate(tableName: string, change: AllocationChange): TaggedItem {
  const limited = change.approvedAtMost !== undefined;
  const committed = change.committedAtMost;
  // A condition cannot add two attributes: bounding each by what was read bounds their sum.
  const conditions = [
    'attribute_exists(pk)',
    ...(limited ? ['#approved <= :max'] : []),
    ...(committed ? ['#approved <= :cApproved', '#inReview <= :cInReview'] : []),
  ];
  // Paid and reclaimed are counted only where they move (older frame items have neither attribute yet).
  const paid = change.paidDelta ? ', #paid :p' : '';
  const reclaimed = change.reclaimedDelta ? ', #reclaimed :c' : '';
  return tagged('allocation', {
    Update: {
      TableName: tableName,
      Key: entities.allocation.key(change.round, change.org),
      UpdateExpression: `ADD #approved :a, #inReview :r${paid}${reclaimed}`,
      ConditionExpression: conditions.join(' AND '),
      ExpressionAttributeNames: {
        '#approved': 'approved',
        '#inReview': 'inReview',
        ...(paid ? { '#paid': 'paid' } : {}),
        ...(reclaimed ? { '#reclaimed': 'reclaimed' } : {}),
      },
      ExpressionAttributeValues: {
        ':a': change.approvedDelta,
        ':r': change.inReviewDelta,
        ...(paid ? { ':p': change.paidDelta } : {}),
        ...(reclaimed ? { ':c': change.reclaimedDelta } : {}),
        ...(limited ? { ':max': change.approvedAtMost } : {}),
        ...(committed ? { ':cApproved': committed.approved, ':cInReview': committed.inReview } : {}),
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

  importFrames(frames: readonly FrameImport[]) {
    return importFramesAtomically(this.client, this.tableName, this, frames);
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

/** DynamoDB takes at most 100 items in one transaction. */
const TRANSACTION_ITEMS = 100;

/** One frame of an upload as a transaction item: written only if unchanged since the preview and not below the debits. */
function frameImportItem(
  tableName: string,
  { frame, expectedFrame }: FrameImport,
  approvedBefore: number,
): TaggedItem {
  const fields: Record<string, unknown> = {
    entity: entities.allocation.tag,
    schemaVersion: SCHEMA_VERSION,
    ...frame,
  };
  const names: Record<string, string> = {
    '#approved': 'approved',
    '#inReview': 'inReview',
    '#frame': 'frame',
  };
  const values: Record<string, unknown> = { ':zero': 0 };
  const sets = Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v], i) => {
      names[`#f${i}`] = k;
      values[`:v${i}`] = v;
      return `#f${i} = :v${i}`;
    });
  // Named parts of the condition: the frame is as previewed; the new frame covers what is debited. A
  // condition cannot add, so the frame is split: approved at most as read, in review at most the rest.
  const asPreviewed = expectedFrame === null ? 'attribute_not_exists(pk)' : '#frame = :expected';
  const coversDebits = 'attribute_not_exists(pk) OR (#approved <= :approved AND #inReview <= :rest)';
  if (expectedFrame !== null) values[':expected'] = expectedFrame;
  else delete names['#frame'];
  values[':approved'] = approvedBefore;
  values[':rest'] = frame.frame - approvedBefore;
  return tagged('allocation', {
    Update: {
      TableName: tableName,
      Key: entities.allocation.key(frame.round, frame.org),
      UpdateExpression: `SET ${sets.join(', ')}, #approved = if_not_exists(#approved, :zero), #inReview = if_not_exists(#inReview, :zero)`,
      ConditionExpression: `(${asPreviewed}) AND (${coversDebits})`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  });
}

/**
 * Writes an upload all or nothing: up to 100 frames in one transaction; a larger upload in transactions of
 * 100, and if one of them is refused the frames the earlier ones wrote are put back as they were (a reader
 * may glimpse the new frames of the earlier parts meanwhile; none is lost or left half-written).
 */
export async function importFramesAtomically(
  client: DynamoDBDocumentClient,
  tableName: string,
  store: AllocationStore,
  frames: readonly FrameImport[],
): Promise<void> {
  const written: FrameImport[] = [];
  const before = new Map(
    (await Promise.all(frames.map((f) => store.get(f.frame.round, f.frame.org)))).flatMap((a) =>
      a ? [[a.org, a] as const] : [],
    ),
  );
  try {
    for (let i = 0; i < frames.length; i += TRANSACTION_ITEMS) {
      const part = frames.slice(i, i + TRANSACTION_ITEMS);
      await transactWrite(
        client,
        part.map((f) => frameImportItem(tableName, f, before.get(f.frame.org)?.approved ?? 0)),
      );
      written.push(...part);
    }
  } catch (error) {
    for (const { frame } of written) {
      const previous = before.get(frame.org);
      if (previous) {
        const { approved: _a, inReview: _r, ...fields } = previous;
        await store.importFrame(fields);
      } else {
        await client.send(
          new DeleteCommand({ TableName: tableName, Key: entities.allocation.key(frame.round, frame.org) }),
        );
      }
    }
    if (
      error instanceof TransactionCancelled &&
      error.reasons.some((r) => r.code === 'ConditionalCheckFailed')
    ) {
      throw conflict('import.changed', 'A planning frame changed since the preview; preview the file again.');
    }
    throw error;
  }
}
