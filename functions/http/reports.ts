import type { ConfirmReportCommand, ReportYearQuery } from '#api/schemas/key-figure-reports';
import type { AllocationsQuery, ApplicationsQuery, KeyFiguresQuery } from '#api/schemas/resources';
import type { ExtensionCommand } from '#api/schemas/rounds';
import { routeEdges } from '#api-generated/route-edges.reports';
import { awsReportAdapters, awsRoundAdapters } from '#lib/aws-adapters';
import { httpGroup } from '#lib/http-handler';
import { allocationService, keyFigureReportService, reportService, roundService } from '#lib/services';
import type { CsvFile } from '#services/report-service';

const csv = (file: CsvFile) => ({
  text: file.csv,
  headers: {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${file.filename}"`,
  },
});

/** Figures without personal data: planning frames, key figures, exports. */
export const handler = httpGroup(routeEdges, {
  'GET /api/allocations': async ({ actor, query }) => ({
    body: await allocationService(awsReportAdapters()).overview(actor, (query as AllocationsQuery).round),
  }),
  'GET /api/rounds': async ({ actor }) => ({ body: await roundService(awsRoundAdapters()).list(actor) }),
  'POST /api/rounds/{id}/extensions': async ({ actor, params, body }) => ({
    status: 201,
    body: await roundService(awsRoundAdapters()).grantExtension(
      actor,
      String(params.id),
      body as ExtensionCommand,
    ),
  }),
  'GET /api/reports/key-figures': async ({ actor, query }) =>
    (query as KeyFiguresQuery).format === 'csv'
      ? csv(await reportService(awsReportAdapters()).keyFiguresCsv(actor, query as KeyFiguresQuery))
      : { body: await reportService(awsReportAdapters()).keyFigures(actor, query as KeyFiguresQuery) },
  'GET /api/key-figure-reports': async ({ actor, query }) => ({
    body: await keyFigureReportService(awsReportAdapters()).overview(actor, (query as ReportYearQuery).year),
  }),
  'POST /api/key-figure-reports': async ({ actor, body }) => ({
    status: 201,
    body: await keyFigureReportService(awsReportAdapters()).confirm(actor, body as ConfirmReportCommand),
  }),
  'GET /api/key-figure-reports/{year}/{org}': async ({ actor, params }) => ({
    body: await keyFigureReportService(awsReportAdapters()).get(
      actor,
      Number(params.year),
      String(params.org),
    ),
  }),
  'GET /api/exports/applications': async ({ actor, query }) =>
    csv(await reportService(awsReportAdapters()).applicationsCsv(actor, query as ApplicationsQuery)),
});
