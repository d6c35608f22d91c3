import { DynamoAllocationStore } from '#adapters/dynamodb/allocation-store';
import { documentClient } from '#adapters/dynamodb/client';
import { DynamoDirectory } from '#adapters/dynamodb/directory';
import { DynamoFiguresStore } from '#adapters/dynamodb/figures-store';
import { DynamoSubmissionStore } from '#adapters/dynamodb/submission-store';
import { AllocationService, type ElectoralDistrictFigure } from '#services/allocation-service';
import { ReportService } from '#services/report-service';
import { RetentionGuardStore } from '#services/retention-guard';
import { config } from './config.ts';
import { repoForms } from './forms-context.ts';

/**
 * The reports (planning frames, key figures, exports), built once per container with only the stores they
 * read: the reports function bundles no submission workflow, validation or form publishing.
 */
function build() {
  const { tableName } = config();
  const now = () => new Date();
  const submissions = new RetentionGuardStore(new DynamoSubmissionStore(documentClient, tableName), now);
  const directory = new DynamoDirectory(documentClient, tableName);
  const electoralDistricts = (round: string) =>
    repoForms.flatMap(
      (f) =>
        (f.rounds?.[round] as { electoralDistricts?: ElectoralDistrictFigure[] } | undefined)
          ?.electoralDistricts ?? [],
    );
  return {
    allocationService: new AllocationService(
      new DynamoAllocationStore(documentClient, tableName),
      repoForms,
      electoralDistricts,
    ),
    reportService: new ReportService(
      new DynamoFiguresStore(documentClient, tableName),
      submissions,
      directory,
      now,
    ),
  };
}

let built: ReturnType<typeof build> | undefined;
export const reports = () => {
  built ??= build();
  return built;
};
