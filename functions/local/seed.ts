import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { UserProfile } from '#core/model';
import type { Adapters, TableAdapters } from '#lib/services';
import type { UserRecords } from '#ports/user-records';
import { seedGrants } from './demo-grants.ts';
import { withDemoProfile } from './demo-profiles.ts';
import { CURRENT_DEMO_ROUND, demoRounds } from './demo-rounds.ts';
import { seedSubmissions } from './demo-submissions.ts';
import { demoUserProfiles } from './demo-users.ts';
import { allocationsFromRows, organisationsFromAllocations, readAllocationRows } from './organisations.ts';

type Ctx = TableAdapters;

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
export const ALLOCATIONS_FILE = join(root, 'forms/funding-application/rounds/2017-2018-allocations.csv');

/**
 * Who can sign in locally: every active profile in the table (the demo users and those the user
 * administration invited), the demo users first in their file's order.
 */
export async function signInUsers(
  ctx: Pick<Ctx, 'directory'>,
  records: Pick<UserRecords, 'listAll'>,
): Promise<Array<UserProfile & { orgName: string }>> {
  const orgs = new Map((await ctx.directory.listOrganisations()).map((o) => [o.id, o.name]));
  const demoOrder = new Map(demoUserProfiles().map((u, i) => [u.sub, i]));
  const rank = (u: UserProfile) => demoOrder.get(u.sub) ?? demoOrder.size;
  return (await records.listAll())
    .sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, 'de'))
    .map((u) => ({ ...u, orgName: orgs.get(u.org) ?? u.org }));
}

/**
 * Organisations, planning frames and users; with `submissions` (the default) also the demo submissions,
 * whose signed applications go to the object storage, and with `grants` (the default) the demo grants after
 * their decisions.
 */
export async function seedDemo(
  ctx: Adapters,
  options: { submissions?: boolean; grants?: boolean } = {},
): Promise<void> {
  const rows = readAllocationRows(ALLOCATIONS_FILE);
  for (const org of organisationsFromAllocations(rows))
    await ctx.directory.putOrganisation(withDemoProfile(org));
  // The current demo round has no public frames: the 2017–2018 ones stand in, marked illustrative by the round.
  for (const round of ['2017-2018', CURRENT_DEMO_ROUND]) {
    for (const allocation of allocationsFromRows(round, rows)) await ctx.allocations.importFrame(allocation);
  }
  const repoRound = ctx.repoForms.find((f) => f.rounds['2017-2018'])?.rounds['2017-2018'];
  const existing = new Set((await ctx.rounds.list()).map((r) => `${r.id}#${r.version}`));
  for (const round of demoRounds(repoRound)) {
    // Seeding twice (a kept local table) must not fail on a published version.
    if (!existing.has(`${round.id}#${round.version}`)) await ctx.rounds.write(round, 'create');
  }
  const users = demoUserProfiles();
  for (const user of users) await ctx.directory.putUser(user);
  if (options.submissions !== false) {
    await seedSubmissions(ctx, users);
    if (options.grants !== false) await seedGrants(ctx, users);
  }
}
