import { documentClient, dynamoClient } from '#adapters/dynamodb/client';
import { DynamoFiguresStore } from '#adapters/dynamodb/figures-store';
import { DynamoSchemaStore } from '#adapters/dynamodb/schema-store';
import { type MigrationReport, migrate } from '#services/migrations';
import { config } from './config.ts';
import { context } from './context.ts';

/** Runs the versioned data migrations over the configured table (`npm start`, the deploy-time job). */
export function runMigrations(): Promise<MigrationReport> {
  const { tableName } = config();
  const { submissionTable, directory, now } = context();
  return migrate(new DynamoSchemaStore(dynamoClient, documentClient, tableName), {
    submissions: submissionTable,
    figures: new DynamoFiguresStore(documentClient, tableName),
    organisations: () => directory.listOrganisations(),
    now,
  });
}
