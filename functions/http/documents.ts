import { routeEdges } from '#api-generated/route-edges.documents';
import { awsDocumentAdapters } from '#lib/aws-documents';
import { httpGroup } from '#lib/http-handler';
import { documentService as service } from '#lib/services';

const documentService = () => service(awsDocumentAdapters());

/** Documents made from a case, as PDF. */
export const handler = httpGroup(routeEdges, {
  'GET /api/submissions/{id}/plan.pdf': async ({ actor, params, query }) => {
    const { pdf, filename } = await documentService().planPdf(actor, String(params.id), {
      ...(query.lang !== undefined ? { lang: String(query.lang) } : {}),
      ...(query.revision !== undefined ? { revision: String(query.revision) } : {}),
    });
    return {
      binary: pdf,
      headers: { 'content-type': 'application/pdf', 'content-disposition': `inline; filename="${filename}"` },
    };
  },
  'GET /api/submissions/{id}/export.pdf': async ({ actor, params, query }) => {
    const { pdf, filename } = await documentService().exportPdf(actor, String(params.id), {
      ...(query.lang !== undefined ? { lang: String(query.lang) } : {}),
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
