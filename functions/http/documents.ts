import { documentService } from '#lib/documents-context';
import { httpGroup } from '#lib/http-handler';

/** Documents made from a case, as PDF. */
export const handler = httpGroup({
  'GET /api/submissions/{id}/plan.pdf': async ({ actor, params, query }) => {
    const { pdf, filename } = await documentService().planPdf(actor, params.id ?? '', {
      ...(query.lang !== undefined ? { lang: query.lang } : {}),
      ...(query.revision !== undefined ? { revision: query.revision } : {}),
    });
    return {
      binary: pdf,
      headers: { 'content-type': 'application/pdf', 'content-disposition': `inline; filename="${filename}"` },
    };
  },
  'GET /api/submissions/{id}/export.pdf': async ({ actor, params, query }) => {
    const { pdf, filename } = await documentService().exportPdf(actor, params.id ?? '', {
      ...(query.lang !== undefined ? { lang: query.lang } : {}),
    });
    return {
      binary: pdf,
      headers: {
        'content-type': 'application/pdf',
        'content-disposition': `attachment; filename="${filename}"`,
      },
    };
  },
});
