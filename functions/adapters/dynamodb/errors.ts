import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** A transaction item with the name its cancellation reason is reported under (an entity name, as a rule). */
export interface TaggedItem {
  tag: string;
  item: TransactItem;
}

export const tagged = (tag: string, item: TransactItem): TaggedItem => ({ tag, item });

/**
 * A cancelled transaction with its reasons by item tag. DynamoDB reports the reasons in the order of the
 * items; they are matched to the tags here, once, so that no caller reads them by position.
 */
export class TransactionCancelled extends Error {
  constructor(
    readonly reasons: ReadonlyArray<{ tag: string; code: string }>,
    options: { cause: unknown },
  ) {
    super(`Transaction cancelled: ${reasons.map((r) => `${r.tag}=${r.code}`).join(', ')}`, options);
    this.name = 'TransactionCancelled';
  }

  /** The tags of the items whose condition failed. */
  get failedConditions(): string[] {
    return this.reasons.filter((r) => r.code === 'ConditionalCheckFailed').map((r) => r.tag);
  }

  /** Whether the item tagged `tag` (any of them, if several carry it) failed its condition. */
  conditionFailed(tag: string): boolean {
    return this.failedConditions.includes(tag);
  }

  /** Whether another transaction on the same items was in the way (and no condition failed). */
  get conflictOnly(): boolean {
    return this.failedConditions.length === 0 && this.reasons.some((r) => r.code === 'TransactionConflict');
  }
}

const isCancellation = (error: unknown): error is TransactionCanceledException =>
  error instanceof TransactionCanceledException ||
  (error as { name?: string })?.name === 'TransactionCanceledException';

/**
 * Writes the items in one transaction, retrying transaction conflicts (another transaction on the same
 * items) a few times. A cancellation is thrown as `TransactionCancelled`, its reasons named by the tags.
 */
export async function transactWrite(
  client: DynamoDBDocumentClient,
  items: readonly TaggedItem[],
  attempts = 4,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await client.send(new TransactWriteCommand({ TransactItems: items.map((i) => i.item) }));
      return;
    } catch (error) {
      if (!isCancellation(error)) throw error;
      const reasons = (error.CancellationReasons ?? []).map((r, i) => ({
        tag: items[i]?.tag ?? `#${i}`,
        code: r.Code ?? 'None',
      }));
      const cancelled = new TransactionCancelled(reasons, { cause: error });
      if (!cancelled.conflictOnly || attempt >= attempts) throw cancelled;
      await new Promise((r) => setTimeout(r, 10 * 2 ** attempt * Math.random()));
    }
  }
}

/** Whether a single conditional write failed its condition. */
export const isConditionFailure = (error: unknown) =>
  (error as { name?: string })?.name === 'ConditionalCheckFailedException';
