import { awsAdapters } from '#lib/aws-files';
import { httpGroup } from '#lib/http-handler';
import { privacyService as service } from '#lib/services';

// The privacy API only presigns downloads: no quarantine bucket needed.
const privacyService = () => service(awsAdapters({ quarantine: false }));

import { etag } from '#services/submission-service';

/** Data protection of plans: withdrawing consent, the access log, the subject-access export (Art. 15). */
export const handler = httpGroup({
  'POST /api/submissions/{id}/consent': async ({ actor, params, headers, body }) => {
    const sub = await privacyService().withdrawConsent(actor, params.id ?? '', headers['if-match'], body);
    return { body: sub, headers: { etag: etag(sub.version) } };
  },
  'GET /api/submissions/{id}/access-log': async ({ actor, params }) => ({
    body: { items: await privacyService().accessLog(actor, params.id ?? '') },
  }),
  'GET /api/submissions/{id}/export': async ({ actor, params }) => {
    const document = await privacyService().export(actor, params.id ?? '');
    return {
      body: document,
      headers: { 'content-disposition': `attachment; filename="plan-${document.submission.id}.json"` },
    };
  },
});
