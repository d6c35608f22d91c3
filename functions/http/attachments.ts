import type { UploadCommand } from '#api/schemas/resources';
import { routeEdges } from '#api-generated/route-edges.attachments';
import { awsAdapters } from '#lib/aws-files';
import { httpGroup } from '#lib/http-handler';
import { attachmentService as service } from '#lib/services';

const attachmentService = () => service(awsAdapters({ quarantine: true }));

/** Attachments of a submission: ask for an upload, confirm it, list, download, delete. */
export const handler = httpGroup(routeEdges, {
  'GET /api/submissions/{id}/attachments': async ({ actor, params }) => ({
    body: { items: await attachmentService().list(actor, String(params.id)) },
  }),
  'POST /api/submissions/{id}/attachments': async ({ actor, params, body }) => {
    const created = await attachmentService().requestUpload(actor, String(params.id), body as UploadCommand);
    return {
      status: 201,
      body: created,
      headers: { location: `/api/submissions/${params.id}/attachments/${created.attachmentId}` },
    };
  },
  'POST /api/submissions/{id}/attachments/{attachmentId}/complete': async ({ actor, params }) => {
    const { status, attachment } = await attachmentService().complete(
      actor,
      String(params.id),
      String(params.attachmentId),
    );
    return { status, body: attachment };
  },
  // A URL in the body, not a redirect: the browser sends its token in a header, which a 302 would not carry
  // over, and S3 must not receive it either.
  'GET /api/submissions/{id}/attachments/{attachmentId}': async ({ actor, params }) => ({
    body: await attachmentService().download(actor, String(params.id), String(params.attachmentId)),
  }),
  'DELETE /api/submissions/{id}/attachments/{attachmentId}': async ({ actor, params }) => {
    await attachmentService().remove(actor, String(params.id), String(params.attachmentId));
    return { status: 204 };
  },
});
