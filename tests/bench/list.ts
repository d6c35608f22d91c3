/**
 * List at scale: the first page of the state reviewer's work queue (`GET /api/submissions`, 25 newest) with 200
 * submitted funding applications in the review scope, then with 20,000. A list that reads one index
 * partition backwards costs the same whatever the partition holds; a scan or a filter would not.
 *
 * The two phases run minutes apart, so each also times a control request whose cost does not depend on the
 * table's size, and the ratio is divided by the control's drift (both are in the results).
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
  attachSignedApplication,
  type BenchPlatform,
  compare,
  type Figure,
  ok,
  pool,
  ratio,
  round2,
  sample,
  stats,
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
  await attachSignedApplication(owner, draft.id);
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
      // The reviewer's list is the work queue: its items come with the write (counters are not read here).
      queueProfile: { municipality: 'Kirchheim unter Teck', district: 'Landkreis Esslingen' },
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

/**
 * The first page's latency, timed in blocks alternating with a control request whose cost does not depend on
 * the table's size (reading one submission): the two phases run minutes apart, and the control shows how much
 * the machine's load drifted in between.
 */
async function firstPage(reviewer: Api, controlPath: string) {
  const timings = await compare(
    {
      list: async () => {
        const res = await reviewer.request('GET', '/api/submissions');
        if (res.status !== 200 || res.body.items.length !== 25) throw new Error(`list: ${res.status}`);
      },
      control: async () => {
        const res = await reviewer.request('GET', controlPath);
        if (res.status !== 200) throw new Error(`control: ${res.status}`);
      },
    },
    { n: N, warmup: WARMUP },
  );
  return { listMs: stats(timings.list), controlMs: stats(timings.control) };
}

export async function measureList(platform: BenchPlatform): Promise<Figure[]> {
  const base = await template(platform);
  const control = `/api/submissions/${base.submission.id}`;
  await seed(platform, base, SMALL - (await countReviewScope(platform)));
  const small = { stored: await countReviewScope(platform), ...(await firstPage(base.reviewer, control)) };
  const seedStart = performance.now();
  await seed(platform, base, LARGE - small.stored);
  const seedSeconds = round2((performance.now() - seedStart) / 1000);
  const large = { stored: await countReviewScope(platform), ...(await firstPage(base.reviewer, control)) };
  // The phases run minutes apart on a shared machine: the control request's drift is divided out.
  const controlDrift = round2(large.controlMs.p50 / small.controlMs.p50);
  const raw = round2(large.listMs.p50 / small.listMs.p50);
  return [
    {
      ...ratio('list at scale', 'p50 ÷ control drift', round2(raw / controlDrift), 1.3, {
        rawRatio: raw,
        controlDrift,
        small,
        large,
        seedSeconds,
      }),
      note: `uncorrected ratio ${raw}×; the control request (one submission) drifted ${controlDrift}× between the phases`,
    },
  ];
}
