import { documentClient, dynamoClient } from '#adapters/dynamodb/client';
import { DynamoSchemaStore } from '#adapters/dynamodb/schema-store';
import { type MigrationReport, migrate } from '#services/migrations';
import { awsTableAdapters } from './aws-adapters.ts';
import { config } from './config.ts';
import { formCatalog } from './services.ts';

/** Runs the versioned data migrations over the configured table (`npm start`, the deploy-time job). */
export function runMigrations(): Promise<MigrationReport> {
  const { tableName } = config();
  // The raw submission store, not the retention guard: a backfill must see every stored plan.
  const adapters = awsTableAdapters();
  const { submissions, figures, directory, now, caseFiles } = adapters;
  return migrate(new DynamoSchemaStore(dynamoClient, documentClient, tableName), {
    submissions,
    figures,
    caseFiles,
    forms: formCatalog(adapters),
    organisations: () => directory.listOrganisations(),
    now,
  });
}
