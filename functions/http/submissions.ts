import type { Submission } from '#core/model';
import { validatorFiles } from '#generated/validators';
import { awsTableAdapters, registerRepoValidators } from '#lib/aws-adapters';
import { httpGroup } from '#lib/http-handler';
import { submissionService } from '#lib/services';
import { etag } from '#services/submission-service';

const withEtag = (sub: Submission, status = 200) => ({
  status,
  body: sub,
  headers: { etag: etag(sub.version) },
});

// This function validates form data against the repository's forms.
registerRepoValidators(validatorFiles);
const service = () => submissionService(awsTableAdapters());

/** Submissions and the review workflow. */
export const handler = httpGroup({
  'GET /api/submissions': async ({ actor, query }) => ({
    body: await service().list(actor, query),
  }),
  'POST /api/submissions': async ({ actor, body }) => {
    const sub = await service().create(actor, body);
    return {
      ...withEtag(sub, 201),
      headers: { etag: etag(sub.version), location: `/api/submissions/${sub.id}` },
    };
  },
  'GET /api/submissions/{id}': async ({ actor, params }) =>
    withEtag(await service().get(actor, params.id ?? '')),
  'PUT /api/submissions/{id}': async ({ actor, params, headers, body }) =>
    withEtag(await service().save(actor, params.id ?? '', headers['if-match'], body)),
  'POST /api/submissions/{id}/transitions': async ({ actor, params, headers, body }) =>
    withEtag(await service().transition(actor, params.id ?? '', headers['if-match'], body)),
  'GET /api/submissions/{id}/history': async ({ actor, params }) => ({
    body: { items: await service().history(actor, params.id ?? '') },
  }),
  'GET /api/submissions/{id}/revisions/{n}': async ({ actor, params }) => ({
    body: await service().revision(actor, params.id ?? '', params.n ?? ''),
  }),
  'GET /api/submissions/{id}/diff': async ({ actor, params, query }) => ({
    body: await service().diff(actor, params.id ?? '', query),
  }),
  'POST /api/submissions/{id}/assignee': async ({ actor, params, headers, body }) =>
    withEtag(await service().assign(actor, params.id ?? '', headers['if-match'], body)),
});
