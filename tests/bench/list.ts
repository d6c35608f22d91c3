/**
 * List at scale: the first page of the state reviewer's list (`GET /api/submissions`, 25 newest) with 200
 * submitted funding applications in the review scope, then with 20,000. A list that reads one index
 * partition backwards costs the same whatever the partition holds; a scan or a filter would not.
 *
 * Seeding 20,000 through the API would take long, so the items are made by the DynamoDB adapter itself
 * (`DynamoSubmissionStore.write`, handed a client that collects the transaction instead of sending it)
 * from a real submitted application and its revision and history event, and written 25 at a time.
 */
import { BatchWriteCommand, type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulidx';
import { DynamoSubmissionStore } from '../../functions/adapters/dynamodb/submission-store.ts';
import type { HistoryEvent, Revision, Submission } from '../../functions/core/model.ts';
import { reviewScope, scopesOf } from '../../functions/core/scopes.ts';
import {
  type Api,
  type BenchPlatform,
  type Figure,
  ok,
  pool,
  ratio,
  round2,
  type Stats,
  sample,
  stats,
  time,
} from './lib.ts';

const SMALL = 200;
const LARGE = 20_000;
const N = 500;
const WARMUP = 100;

/** How many submissions the reviewer's list partition (gsi3 `R#reviewer`) holds. */
async function countReviewScope(platform: BenchPlatform): Promise<number> {
  let count = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const out = await platform.dynamo.send(
      new QueryCommand({
        TableName: platform.tableName,
        IndexName: 'gsi3',
        KeyConditionExpression: 'gsi3pk = :scope',
        ExpressionAttributeValues: { ':scope': reviewScope('reviewer') },
        Select: 'COUNT',
        ExclusiveStartKey: startKey,
      }),
    );
    count += out.Count ?? 0;
    startKey = out.LastEvaluatedKey;
  } while (startKey);
  return count;
}

/** A submitted application (with its revision and submit event) to copy. */
async function template(platform: BenchPlatform) {
  const owner = await platform.as('kirchheim.kommune');
  const reviewer = await platform.as('rp.pruefer1');
  const data = await sample('funding-application', 'valid-minimal');
  const draft = await ok(owner.request('POST', '/api/submissions', { formId: 'funding-application', data }));
  await ok(owner.request('POST', `/api/submissions/${draft.id}/transitions`, { action: 'submit' }, 1));
  const submission: Submission = await ok(owner.request('GET', `/api/submissions/${draft.id}`));
  const revision: Revision = await ok(owner.request('GET', `/api/submissions/${draft.id}/revisions/1`));
  const events: HistoryEvent[] = (await ok(owner.request('GET', `/api/submissions/${draft.id}/history`)))
    .items;
  const form = await ok(reviewer.request('GET', '/api/forms/funding-application'));
  return { submission, revision, event: events.at(-1)!, workflow: form.workflow, reviewer };
}

/** Adds `count` submitted applications to the review scope, built by the adapter, 25 items per request. */
async function seed(platform: BenchPlatform, base: Awaited<ReturnType<typeof template>>, count: number) {
  const items: Record<string, unknown>[] = [];
  const collector = {
    send: async (command: {
      input: { TransactItems?: Array<{ Put?: { Item: Record<string, unknown> } }> };
    }) => {
      for (const entry of command.input.TransactItems ?? []) if (entry.Put) items.push(entry.Put.Item);
      return {};
    },
  } as unknown as DynamoDBDocumentClient;
  const store = new DynamoSubmissionStore(collector, platform.tableName);
  const start = Date.parse('2018-01-01T00:00:00Z');
  for (let i = 0; i < count; i++) {
    const id = ulid();
    const at = new Date(start + i * 60_000).toISOString();
    const submission: Submission = { ...base.submission, id, createdAt: at, updatedAt: at, submittedAt: at };
    await store.write({
      submission,
      expectedVersion: 1,
      expectedStatus: 'draft',
      event: { ...base.event, submissionId: id, at },
      revision: { ...base.revision, submissionId: id, createdAt: at },
      scopes: scopesOf(submission, base.workflow),
    });
  }
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  await pool(batches, 4, async (batch) => {
    let requests = batch.map((Item) => ({ PutRequest: { Item } }));
    while (requests.length) {
      const out = await platform.dynamo.send(
        new BatchWriteCommand({ RequestItems: { [platform.tableName]: requests } }),
      );
      requests = (out.UnprocessedItems?.[platform.tableName] ?? []) as typeof requests;
    }
  });
}

async function firstPage(reviewer: Api): Promise<Stats> {
  const get = async () => {
    const res = await reviewer.request('GET', '/api/submissions');
    if (res.status !== 200 || res.body.items.length !== 25) throw new Error(`list: ${res.status}`);
  };
  for (let i = 0; i < WARMUP; i++) await get();
  const samples: number[] = [];
  for (let i = 0; i < N; i++) samples.push(await time(get));
  return stats(samples);
}

export async function measureList(platform: BenchPlatform): Promise<Figure[]> {
  const base = await template(platform);
  await seed(platform, base, SMALL - (await countReviewScope(platform)));
  const small = { stored: await countReviewScope(platform), ms: await firstPage(base.reviewer) };
  const seedStart = performance.now();
  await seed(platform, base, LARGE - small.stored);
  const seedSeconds = round2((performance.now() - seedStart) / 1000);
  const large = { stored: await countReviewScope(platform), ms: await firstPage(base.reviewer) };
  return [
    ratio('list at scale', 'p50', round2(large.ms.p50 / small.ms.p50), 1.3, { small, large, seedSeconds }),
  ];
}
