/**
 * Imports the organisations and planning frames of a funding round from the state's allocation data into
 * the configured table (TABLE_NAME; AWS credentials and region from the environment, as for any SDK client).
 * Usage: `npx tsx functions/local/import-allocations.ts <allocations.csv> <round>`.
 * Importing again updates names and frames and keeps what is approved or in review.
 */
import { resolve } from 'node:path';
import { awsTableAdapters } from '#lib/aws-adapters';
import { allocationsFromRows, organisationsFromAllocations, readAllocationRows } from './organisations.ts';

const [file, round] = process.argv.slice(2);
if (!file || !round) {
  console.error('usage: import-allocations <allocations.csv> <round>');
  process.exit(2);
}
const rows = readAllocationRows(resolve(file));
const ctx = awsTableAdapters();
const orgs = organisationsFromAllocations(rows);
for (const org of orgs) await ctx.directory.putOrganisation(org);
const allocations = allocationsFromRows(round, rows);
for (const allocation of allocations) await ctx.allocations.importFrame(allocation);
console.log(
  `Imported ${orgs.length} organisations and ${allocations.length} planning frames of round ${round}.`,
);
