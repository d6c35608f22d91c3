/**
 * Moves stored integration plans to the latest form version, recording the person's language as a code
 * read from the consents' free text (see `functions/services/plan-language-migration.ts`). A deploy-time
 * job: run it once after deploying a version that adds the code, against the configured table
 * (TABLE_NAME; AWS credentials and region from the environment, as for any SDK client):
 * `npm run build:forms && TABLE_NAME=<table> VALIDATORS_DIR=forms/generated npx tsx functions/local/migrate-plan-languages.ts`.
 * `npm start` runs the same job on every start. Running it again changes nothing.
 */
import { resolve } from 'node:path';
import { validatorFiles } from '#generated/validators';
import { awsTableAdapters, registerRepoValidators } from '#lib/aws-adapters';
import { formCatalog, guardedSubmissions } from '#lib/services';
import { PlanLanguageMigration } from '#services/plan-language-migration';

process.env.VALIDATORS_DIR = resolve(process.env.VALIDATORS_DIR ?? 'forms/generated');
process.env.FORMS_DIR = resolve(process.env.FORMS_DIR ?? 'forms/generated');
registerRepoValidators(validatorFiles);
const tables = awsTableAdapters();
const { migrated, skipped } = await new PlanLanguageMigration({
  submissions: guardedSubmissions(tables),
  forms: formCatalog(tables),
  directory: tables.directory,
  now: tables.now,
}).run();
console.log(
  `Plans moved to the latest form version: ${migrated.length}; left as they are: ${skipped.length}.`,
);
for (const m of migrated) console.log(`  moved ${m.id}${m.language ? ` (${m.language})` : ''}`);
for (const s of skipped) console.log(`  left ${s.id} (${s.reason})`);
