import { figuresRecord } from '#core/key-figures';
import type { Organisation, Submission } from '#core/model';
import { orgScope, reviewScope } from '#core/scopes';
import type { FiguresStore } from '#ports/figures-store';
import type { SchemaStore } from '#ports/schema-store';
import type { SubmissionStore } from '#ports/submission-store';
import { type FileNumberMigrationDeps, numberEarlierApplications } from './file-number-migration.ts';

/** What a migration may use: the stores, never the SDK. */
export interface MigrationDeps extends FileNumberMigrationDeps {
  submissions: SubmissionStore;
  figures: FiguresStore;
  organisations: () => Promise<Organisation[]>;
  now: () => Date;
}

/**
 * One versioned change of the stored data. `run` must be idempotent: a run that stopped half-way is run
 * again from the start, and two deployments may race.
 */
export interface Migration {
  version: number;
  name: string;
  run(deps: MigrationDeps): Promise<{ changed: number }>;
}

/** Every case plan of every organisation, read through the list indexes (never a scan). */
async function* allPlans(deps: MigrationDeps): AsyncIterable<Submission> {
  for (const org of await deps.organisations()) {
    let cursor: string | undefined;
    do {
      const page = await deps.submissions.list({
        index: 'org',
        scope: `O#${org.id}#case`,
        limit: 100,
        ...(cursor ? { cursor } : {}),
      });
      for (const summary of page.items) {
        const sub = await deps.submissions.get(summary.id);
        if (sub) yield sub;
      }
      cursor = page.nextCursor;
    } while (cursor);
  }
}

/** Every submission listed in a review scope (the reviewer's), read through the list index (never a scan). */
async function* allInReview(deps: MigrationDeps, scope: string): AsyncIterable<Submission> {
  let cursor: string | undefined;
  do {
    const page = await deps.submissions.list({
      index: 'second',
      scope,
      limit: 100,
      ...(cursor ? { cursor } : {}),
    });
    for (const summary of page.items) {
      const sub = await deps.submissions.get(summary.id);
      if (sub) yield sub;
    }
    cursor = page.nextCursor;
  } while (cursor);
}

/** The migrations, oldest first. Append only; a released migration never changes. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'figures records for plans approved before key figures existed',
    async run(deps) {
      let changed = 0;
      for await (const plan of allPlans(deps)) {
        if (plan.approvedRevision === null) continue;
        const revision = await deps.submissions.getRevision(plan.id, plan.approvedRevision);
        if (!revision) continue;
        // When it was approved: the last approval in its history (the revision was frozen at submit).
        const history = await deps.submissions.history(plan.id);
        const approval = history.filter((e) => e.type === 'transition' && e.to === 'approved').at(-1);
        const record = figuresRecord(revision.data, {
          planId: plan.id,
          org: plan.org,
          approvedAt: approval?.at ?? revision.createdAt,
          createdAt: plan.createdAt,
        });
        if (await deps.figures.putIfAbsent({ planId: plan.id, record })) changed += 1;
      }
      return { changed };
    },
  },
  {
    version: 2,
    name: 'file numbers for applications submitted before file numbers existed',
    run: numberEarlierApplications,
  },
  {
    version: 3,
    name: "work-queue items for submissions that reached the reviewers' scope before the queue existed",
    async run(deps) {
      // The queue lists what the submission's own change writes (see `queueProfileFor` in the submission
      // service): the organisation's name and district, found here once for all.
      const orgs = new Map((await deps.organisations()).map((o) => [o.id, o]));
      const scope = reviewScope('reviewer');
      let changed = 0;
      for await (const sub of allInReview(deps, scope)) {
        const org = orgs.get(sub.org);
        const members = (sub.members ?? []).filter((m) => m !== sub.org);
        const scopes = {
          org: orgScope(sub.org, sub.kind),
          second: scope,
          ...(members.length ? { members: members.map((m) => orgScope(m, sub.kind)) } : {}),
        };
        const profile = {
          municipality: org?.name ?? sub.org,
          ...(org?.district ? { district: org.district } : {}),
        };
        try {
          if (await deps.submissions.addToQueue(sub, scopes, profile)) changed += 1;
        } catch (error) {
          // Changed since it was read: that change listed it in the queue already.
          if ((error as { code?: string }).code !== 'submission.stale_version') throw error;
        }
      }
      return { changed };
    },
  },
  {
    version: 4,
    name: "key-figure aggregates: every organisation's figures records counted in its aggregate",
    async run(deps) {
      // Records written before aggregates existed carry no mark; each is counted once, in a transaction with
      // its mark, so a rerun or an approval racing with this counts nothing twice.
      let changed = 0;
      for (const org of await deps.organisations()) changed += await deps.figures.countUncounted(org.id);
      return { changed };
    },
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;

export interface MigrationReport {
  from: number;
  to: number;
  applied: Array<{ version: number; name: string; changed: number }>;
}

/** Indexes created by an upgrade are backfilled by DynamoDB; a large table may take a while. */
const INDEX_TIMEOUT_MS = 10 * 60 * 1000;

/**
 * Brings the stored data to the latest schema version: waits until every declared index is ACTIVE, then
 * runs each migration newer than the stored version in order, recording the version after each. Run by
 * `npm start` on every start and by the deploy-time custom resource in AWS; safe to run at any time, twice
 * or concurrently (the version moves only from what was read; migrations are idempotent).
 */
export async function migrate(
  schema: SchemaStore,
  deps: MigrationDeps,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<MigrationReport> {
  await schema.waitForIndexes(INDEX_TIMEOUT_MS);
  const from = await schema.version();
  let current = from;
  const applied: MigrationReport['applied'] = [];
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    const { changed } = await migration.run(deps);
    applied.push({ version: migration.version, name: migration.name, changed });
    if (!(await schema.advance(current, migration.version, deps.now().toISOString()))) {
      // Another run moved on meanwhile; continue from where it is.
      current = await schema.version();
      continue;
    }
    current = migration.version;
  }
  return { from, to: current, applied };
}
