import type { ConsentCommand } from '#api/schemas/resources';
import { routeEdges } from '#api-generated/route-edges.privacy';
import { awsAdapters } from '#lib/aws-files';
import { httpGroup } from '#lib/http-handler';
import { privacyService as service } from '#lib/services';
import { etag } from '#services/submission-service';

// The privacy API only presigns downloads: no quarantine bucket needed.
const privacyService = () => service(awsAdapters({ quarantine: false }));

/** Data protection of plans: withdrawing consent, the access log, the subject-access export (Art. 15). */
export const handler = httpGroup(routeEdges, {
  'POST /api/submissions/{id}/consent': async ({ actor, params, headers, body }) => {
    const sub = await privacyService().withdrawConsent(
      actor,
      String(params.id),
      headers['if-match'],
      body as ConsentCommand,
    );
    return { body: sub, headers: { etag: etag(sub.version) } };
  },
  'GET /api/submissions/{id}/access-log': async ({ actor, params }) => ({
    body: { items: await privacyService().accessLog(actor, String(params.id)) },
  }),
  'GET /api/submissions/{id}/export': async ({ actor, params }) => {
    const document = await privacyService().export(actor, String(params.id));
    return {
      body: document,
      headers: { 'content-disposition': `attachment; filename="plan-${document.submission.id}.json"` },
    };
  },
});
