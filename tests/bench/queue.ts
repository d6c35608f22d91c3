/**
 * The reviewer's work queue at the size of the state, on a generated data set with clearly synthetic names:
 * 1,101 municipalities ("Synthgemeinde 0001" …, keys 0899xxxx that no real municipality has) in 44 districts
 * ("Testkreis 01" …), planning frames summing to 116 M EUR, and 3,000 funding applications in the review
 * scope spread over every state a reviewer sees (review, revised, approved), a third taken by a reviewer.
 *
 * The items are made by the DynamoDB adapter itself (`DynamoSubmissionStore.write` with a client that collects
 * the transaction), so the queue, search and counter items are exactly those a real write makes; they are
 * then loaded 25 at a time. Each search and filter's first page (25) through the adapter's `queue()` is timed
 * against one raw DynamoDB `Query` of a page of the same size on the same partition, in the same run.
 * The integration plans (60,000) are not generated here.
 */
import { BatchWriteCommand, type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoSubmissionStore } from '../../functions/adapters/dynamodb/submission-store.ts';
import type { Status, Submission } from '../../functions/core/model.ts';
import { planQueueQuery, type QueueFilter, type QueueProfile } from '../../functions/core/queue.ts';
import { orgScope, reviewScope } from '../../functions/core/scopes.ts';
import { entities } from '../../functions/table.ts';
import { type BenchPlatform, compare, type Figure, pool, ratio, round2, stats } from './lib.ts';

const MUNICIPALITIES = 1101;
const DISTRICTS = 44;
const FRAMES_EUR = 116_000_000;
const APPLICATIONS = 3000;
const PAGE = 25;
const N = 200;
const WARMUP = 30;
const SCOPE = reviewScope('state-bench');

/** A small deterministic generator, so every run has the same data set. */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

export function stateDataSet() {
  const rnd = random(20_170_101);
  const municipalities = Array.from({ length: MUNICIPALITIES }, (_, i) => ({
    ags: `0899${String(i + 1).padStart(4, '0')}`,
    name: `Synthgemeinde ${String(i + 1).padStart(4, '0')}${i % 7 === 0 ? ' an der Übung' : ''}`,
    district: `Testkreis ${String((i % DISTRICTS) + 1).padStart(2, '0')}`,
    weight: 0.2 + rnd() * 4,
  }));
  const total = municipalities.reduce((a, m) => a + m.weight, 0);
  const frames = municipalities.map((m) => Math.floor((FRAMES_EUR * m.weight) / total));
  frames[0]! += FRAMES_EUR - frames.reduce((a, b) => a + b, 0);
  const statuses: Status[] = ['review', 'revised', 'approved'];
  const rounds = ['2017-2018', '2019', '2020-2021'];
  const start = Date.parse('2020-01-01T00:00:00Z');
  const applications = Array.from({ length: APPLICATIONS }, (_, i) => {
    const m = municipalities[Math.floor(rnd() * MUNICIPALITIES)]!;
    const at = new Date(start + i * 17 * 60_000).toISOString();
    const status = statuses[i % 3]!;
    const sub: Submission = {
      id: `bench${String(i).padStart(6, '0')}`,
      formId: 'funding-application',
      formVersion: 1,
      kind: 'funding',
      status,
      version: 2,
      revision: 1,
      approvedRevision: status === 'approved' ? 1 : null,
      amending: false,
      data: {},
      org: m.ags,
      createdBy: 'bench',
      createdAt: at,
      updatedAt: at,
      submittedAt: at,
      indexed: { applicantName: m.name, requestedTotal: 10_000 + Math.round(rnd() * 90_000) },
      allocation: { round: rounds[i % rounds.length]!, reserved: [] },
      ...(i % 3 === 0 ? { reviewer: `reviewer-${(i % 12) + 1}` } : {}),
      ...(status === 'approved'
        ? {
            decision: {
              requestedAmount: 1,
              approvedAmount: 1,
              fileNumber: `AZ-${14 + (i % 4)}-${String(i).padStart(5, '0')}`,
              decisionDate: at.slice(0, 10),
              decidedBy: { sub: 'bench', name: 'Bench' },
            },
          }
        : {}),
    };
    const profile: QueueProfile = { municipality: m.name, district: m.district };
    return { sub, profile };
  });
  return { municipalities, frames, applications };
}

/** Writes the data set through the adapter's own transaction items (counters summed into plain items). */
async function seed(platform: BenchPlatform, data: ReturnType<typeof stateDataSet>) {
  const puts: Record<string, unknown>[] = [];
  const counters = new Map<string, number>();
  const collector = {
    send: async (command: {
      input: {
        TransactItems?: Array<{
          Put?: { Item: Record<string, unknown> };
          Update?: { Key: { pk: string; sk: string }; ExpressionAttributeValues: { ':d': number } };
        }>;
      };
    }) => {
      for (const entry of command.input.TransactItems ?? []) {
        if (entry.Put) puts.push(entry.Put.Item);
        if (entry.Update?.Key.pk.startsWith('QCOUNT#')) {
          const key = `${entry.Update.Key.pk}\u0000${entry.Update.Key.sk}`;
          counters.set(key, (counters.get(key) ?? 0) + entry.Update.ExpressionAttributeValues[':d']);
        }
      }
      return {};
    },
  } as unknown as DynamoDBDocumentClient;
  const store = new DynamoSubmissionStore(collector, platform.tableName);
  for (const { sub, profile } of data.applications) {
    await store.write({
      submission: sub,
      expectedVersion: null,
      event: {
        submissionId: sub.id,
        version: sub.version,
        type: 'transition',
        at: sub.updatedAt,
        actor: { sub: 'bench', name: 'Bench' },
        role: 'municipality',
      },
      scopes: { org: orgScope(sub.org, 'funding'), second: SCOPE },
      queueProfile: profile,
    });
  }
  for (const [key, n] of counters) {
    const [pk, sk] = key.split('\u0000') as [string, string];
    puts.push({ pk, sk, entity: entities.queueCounter.tag, schemaVersion: 1, n });
  }
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < puts.length; i += 25) batches.push(puts.slice(i, i + 25));
  await pool(batches, 4, async (batch) => {
    let requests = batch.map((Item) => ({ PutRequest: { Item } }));
    while (requests.length) {
      const out = await platform.dynamo.send(
        new BatchWriteCommand({ RequestItems: { [platform.tableName]: requests } }),
      );
      requests = (out.UnprocessedItems?.[platform.tableName] ?? []) as typeof requests;
    }
  });
  return puts.length;
}

export async function measureQueue(platform: BenchPlatform): Promise<Figure[]> {
  const data = stateDataSet();
  const framesSum = data.frames.reduce((a, b) => a + b, 0);
  const t0 = performance.now();
  const items = await seed(platform, data);
  const seedSeconds = round2((performance.now() - t0) / 1000);
  const store = new DynamoSubmissionStore(platform.dynamo, platform.tableName);
  const queries: Array<[string, QueueFilter]> = [
    ['all', {}],
    ['q: name prefix', { q: 'synthgemeinde 00' }],
    ['q: umlaut name', { q: 'Synthgemeinde 0008 an der Üb' }],
    ['q: municipality key', { q: '08990' }],
    ['q: file number', { q: 'az-15' }],
    ['district', { district: 'Testkreis 07' }],
    ['round', { round: '2019' }],
    ['status', { status: 'review' }],
    ['formId', { formId: 'funding-application' }],
    ['reviewer=none', { reviewer: 'none' }],
    ['reviewer=me + status', { reviewer: 'reviewer-1', status: 'review' }],
  ];
  const figures: Figure[] = [];
  for (const [name, filter] of queries) {
    const plan = planQueueQuery(filter);
    const pk =
      'facet' in plan
        ? entities.queueItem.key(SCOPE, plan.facet, '').pk
        : entities.queueSearch.key(SCOPE, '', '').pk;
    const first = await store.queue({ scope: SCOPE, plan, sort: 'oldest', limit: PAGE });
    const timings = await compare(
      {
        queue: () => store.queue({ scope: SCOPE, plan, sort: 'oldest', limit: PAGE }),
        raw: () =>
          platform.dynamo.send(
            new QueryCommand({
              TableName: platform.tableName,
              KeyConditionExpression: 'search' in plan ? 'pk = :pk AND begins_with(sk, :p)' : 'pk = :pk',
              ExpressionAttributeValues: { ':pk': pk, ...('search' in plan ? { ':p': plan.search } : {}) },
              Limit: PAGE,
            }),
          ),
      },
      { n: N, warmup: WARMUP, block: 20 },
    );
    const queueMs = stats(timings.queue);
    const rawMs = stats(timings.raw);
    const detail = { queueMs, rawMs, pageItems: first.items.length, counts: first.counts };
    figures.push(ratio(`queue: ${name}`, 'p50 vs raw Query', round2(queueMs.p50 / rawMs.p50), 1.3, detail));
    figures.push(ratio(`queue: ${name}`, 'p99 vs raw Query', round2(queueMs.p99 / rawMs.p99), 1.3, detail));
  }
  figures[0]!.detail = {
    ...figures[0]!.detail,
    dataSet: {
      municipalities: data.municipalities.length,
      districts: DISTRICTS,
      framesSumEur: framesSum,
      applications: data.applications.length,
      itemsWritten: items,
      seedSeconds,
    },
  };
  figures[0]!.note = `${data.municipalities.length} synthetic municipalities in ${DISTRICTS} districts, frames ${framesSum} EUR, ${data.applications.length} applications (${items} items, seeded in ${seedSeconds} s); the queue read also reads the scope's counters (a second Query, in parallel)`;
  return figures;
}
