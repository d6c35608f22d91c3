import { context } from '#lib/context';
import { httpGroup } from '#lib/http-handler';
import type { CsvFile } from '#services/report-service';

const csv = (file: CsvFile) => ({
  text: file.csv,
  headers: {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${file.filename}"`,
  },
});

/** Figures without personal data: planning frames, key figures, exports. */
export const handler = httpGroup({
  'GET /api/allocations': async ({ actor, query }) => ({
    body: await context().allocationService.overview(actor, query.round),
  }),
  'GET /api/reports/key-figures': async ({ actor, query }) =>
    query.format === 'csv'
      ? csv(await context().reportService.keyFiguresCsv(actor, query))
      : { body: await context().reportService.keyFigures(actor, query) },
  'GET /api/exports/applications': async ({ actor, query }) =>
    csv(await context().reportService.applicationsCsv(actor, query)),
});
