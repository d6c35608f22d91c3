import { routeEdges } from '#api-generated/route-edges.documents';
import { awsCaseFileAdapters, awsDocumentAdapters } from '#lib/aws-documents';
import { httpGroup } from '#lib/http-handler';
import { caseFileService as caseFiles, documentService as service } from '#lib/services';

const documentService = () => service(awsDocumentAdapters());
const caseFileService = () => caseFiles(awsCaseFileAdapters());

/**
 * Documents made from a case, as PDF, and the plan's print model for the browser's print view; the documents
 * an application's changes issued (its case file).
 */
export const handler = httpGroup(routeEdges, {
  'GET /api/submissions/{id}/documents': async ({ actor, params }) => ({
    body: await caseFileService().list(actor, String(params.id)),
  }),
  'GET /api/submissions/{id}/documents/{documentId}': async ({ actor, params }) => {
    const { pdf, filename } = await caseFileService().download(
      actor,
      String(params.id),
      String(params.documentId),
    );
    return {
      binary: pdf,
      headers: {
        'content-type': 'application/pdf',
        'content-disposition': `attachment; filename="${filename}"`,
      },
    };
  },
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
  'GET /api/submissions/{id}/plan-print': async ({ actor, params, query }) => ({
    body: await documentService().planPrint(actor, String(params.id), {
      ...(query.lang !== undefined ? { lang: String(query.lang) } : {}),
      ...(query.revision !== undefined ? { revision: String(query.revision) } : {}),
    }),
  }),
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
