/**
 * State-wide key figures at the size of the state: a reviewer's key figures of one year for 1,101 synthetic
 * municipalities holding 60,000 integration plans, against the same municipalities holding 600, in the same
 * run. Both go through the report service and the DynamoDB adapter: the figures come from one maintained
 * aggregate per organisation (`core/figures-aggregate`), so the time should not grow with the plans.
 *
 * The data set is generated (clearly synthetic org ids `kf60000-0001` …, plans over three years with goals and
 * reviews) and each organisation's aggregate, the sum of its records' contributions (what the approvals'
 * transactions leave behind), is loaded with batch writes. The figures records themselves are not written: the
 * read never touches their partitions, and loading 60,000 items into DynamoDB Local takes longer than the rest
 * of the bench. The organisation list comes from memory in both cases, so the
 * ratio is that of the figures alone.
 */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoFiguresStore } from '../../functions/adapters/dynamodb/figures-store.ts';
import { MemorySubmissionStore } from '../../functions/adapters/memory/submission-store.ts';
import { aggregateOf } from '../../functions/core/figures-aggregate.ts';
import { AREAS, type FiguresRecord, GOAL_STATUSES } from '../../functions/core/key-figures.ts';
import type { Actor, Organisation } from '../../functions/core/model.ts';
import type { Directory } from '../../functions/ports/directory.ts';
import { ReportService } from '../../functions/services/report-service.ts';
import { entities, itemHeader } from '../../functions/table.ts';
import { type BenchPlatform, compare, type Figure, pool, ratio, round2, stats, time } from './lib.ts';

const MUNICIPALITIES = 1101;
const YEAR = 2025;
const N = 40;
const WARMUP = 5;

function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

/** `plans` plans over 2023–2025 spread over 1,101 organisations, each with goals and reviews. */
function dataSet(plans: number) {
  const rnd = random(plans);
  const orgs: Organisation[] = Array.from({ length: MUNICIPALITIES }, (_, i) => ({
    id: `kf${plans}-${String(i + 1).padStart(4, '0')}`,
    name: `Synthgemeinde ${String(i + 1).padStart(4, '0')}`,
    type: 'municipality',
  }));
  const records = Array.from({ length: plans }, (_, i): { planId: string; record: FiguresRecord } => {
    const start = 2023 + Math.floor(rnd() * 3);
    const closedYear = rnd() < 0.2 ? start + Math.floor(rnd() * 2) : undefined;
    const goals = Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => {
      const status = GOAL_STATUSES[Math.floor(rnd() * GOAL_STATUSES.length)]!;
      const deadlineYear = rnd() < 0.6 ? start + Math.floor(rnd() * 2) : undefined;
      return {
        area: AREAS[Math.floor(rnd() * AREAS.length)]!,
        status,
        ...(deadlineYear !== undefined ? { deadlineYear } : {}),
        reachedByDeadline: deadlineYear === undefined ? null : status === 'reached' && rnd() < 0.8,
      };
    });
    return {
      planId: `kfplan${String(i).padStart(6, '0')}`,
      record: {
        recordVersion: 1,
        org: orgs[Math.floor(rnd() * orgs.length)]!.id,
        counsellingStartYear: start,
        ...(closedYear !== undefined ? { closedYear } : {}),
        extended: rnd() < 0.05,
        goals,
        reviewsHeld: Array.from({ length: Math.floor(rnd() * 3) }, () => ({
          year: start + Math.floor(rnd() * 2),
        })),
      },
    };
  });
  return { orgs, records };
}

/** Loads the organisations' aggregates of the records with batch writes; returns the number of items. */
async function load(platform: BenchPlatform, data: ReturnType<typeof dataSet>): Promise<number> {
  const byOrg = new Map<string, FiguresRecord[]>();
  for (const { record } of data.records) byOrg.set(record.org, [...(byOrg.get(record.org) ?? []), record]);
  // The records themselves are not written: the read never touches their partitions, and DynamoDB Local on
  // this shared machine took over ten minutes for them. Their aggregates are built from them.
  const items: Record<string, unknown>[] = [];
  for (const [org, records] of byOrg) {
    const key = entities.figuresAggregate.key(org);
    items.push({ ...itemHeader('figuresAggregate', key), ...aggregateOf(records), version: 1 });
  }
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  let done = 0;
  const t0 = performance.now();
  await pool(batches, 8, async (batch) => {
    if (++done % 400 === 0)
      console.log(
        `  key figures: ${done} of ${batches.length} batches in ${Math.round(performance.now() - t0)} ms`,
      );
    let requests = batch.map((Item) => ({ PutRequest: { Item } }));
    while (requests.length) {
      const out = await platform.dynamo.send(
        new BatchWriteCommand({ RequestItems: { [platform.tableName]: requests } }),
      );
      requests = (out.UnprocessedItems?.[platform.tableName] ?? []) as typeof requests;
    }
  });
  return items.length;
}

const reviewer: Actor = { sub: 'bench-reviewer', name: 'Bench', org: 'state', roles: ['reviewer'] };

function serviceFor(platform: BenchPlatform, orgs: Organisation[]) {
  const directory = { listOrganisations: async () => orgs } as unknown as Directory;
  return new ReportService(
    new DynamoFiguresStore(platform.dynamo, platform.tableName),
    new MemorySubmissionStore(),
    directory,
    () => new Date(`${YEAR + 1}-01-15T00:00:00Z`),
  );
}

export async function measureKeyFigures(platform: BenchPlatform): Promise<Figure[]> {
  const big = dataSet(60_000);
  const small = dataSet(600);
  const t0 = performance.now();
  const items = (await load(platform, big)) + (await load(platform, small));
  const seedSeconds = round2((performance.now() - t0) / 1000);
  const services = { big: serviceFor(platform, big.orgs), small: serviceFor(platform, small.orgs) };
  console.log(`  key figures: ${items} items seeded in ${seedSeconds} s`);
  // The first read of each computes every organisation's figures from its aggregate (as after a cold start).
  const first = { big: 0, small: 0 };
  const answers = {
    big: await services.big.keyFigures(reviewer, { year: YEAR }),
    small: await services.small.keyFigures(reviewer, { year: YEAR }),
  };
  first.big = await time(() => serviceFor(platform, big.orgs).keyFigures(reviewer, { year: YEAR }));
  first.small = await time(() => serviceFor(platform, small.orgs).keyFigures(reviewer, { year: YEAR }));
  const timings = await compare(
    {
      big: () => services.big.keyFigures(reviewer, { year: YEAR }),
      small: () => services.small.keyFigures(reviewer, { year: YEAR }),
    },
    { n: N, warmup: WARMUP, block: 5 },
  );
  const bigMs = stats(timings.big);
  const smallMs = stats(timings.small);
  const detail = {
    bigMs,
    smallMs,
    organisations: MUNICIPALITIES,
    plans: { big: big.records.length, small: small.records.length },
    firstReadMs: { big: round2(first.big), small: round2(first.small) },
    firstReadRatio: round2(first.big / first.small),
    activePlans: { big: answers.big.figures.plans.active, small: answers.small.figures.plans.active },
    aggregateItemsWritten: items,
    seedSeconds,
  };
  const figure = ratio(
    'key figures at scale',
    'p50, 60,000 vs 600 plans',
    round2(bigMs.p50 / smallMs.p50),
    1.1,
    detail,
  );
  figure.note = `state-wide figures of ${YEAR} for ${MUNICIPALITIES} organisations: p50 ${bigMs.p50} ms with 60,000 plans, ${smallMs.p50} ms with 600 (one aggregate item per organisation: ${items} written; versions read, figures computed again only where an aggregate changed); the first read of a fresh service, which computes every organisation's figures, ${round2(first.big)} ms vs ${round2(first.small)} ms (${round2(first.big / first.small)}×: the small-cell suppression computed for each organisation); seeded in ${seedSeconds} s`;
  return [figure];
}
