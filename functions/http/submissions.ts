import type { Submission } from '#core/model';
import { validatorFiles } from '#generated/validators';
import { context, registerRepoValidators } from '#lib/context';
import { httpGroup } from '#lib/http-handler';
import { etag } from '#services/submission-service';

const withEtag = (sub: Submission, status = 200) => ({
  status,
  body: sub,
  headers: { etag: etag(sub.version) },
});

// This function validates form data against the repository's forms.
registerRepoValidators(validatorFiles);

/** Submissions and the review workflow. */
export const handler = httpGroup({
  'GET /api/submissions': async ({ actor, query }) => ({
    body: await context().submissionService.list(actor, query),
  }),
  'POST /api/submissions': async ({ actor, body }) => {
    const sub = await context().submissionService.create(actor, body);
    return {
      ...withEtag(sub, 201),
      headers: { etag: etag(sub.version), location: `/api/submissions/${sub.id}` },
    };
  },
  'GET /api/submissions/{id}': async ({ actor, params }) =>
    withEtag(await context().submissionService.get(actor, params.id ?? '')),
  'PUT /api/submissions/{id}': async ({ actor, params, headers, body }) =>
    withEtag(await context().submissionService.save(actor, params.id ?? '', headers['if-match'], body)),
  'POST /api/submissions/{id}/transitions': async ({ actor, params, headers, body }) =>
    withEtag(await context().submissionService.transition(actor, params.id ?? '', headers['if-match'], body)),
  'GET /api/submissions/{id}/history': async ({ actor, params }) => ({
    body: { items: await context().submissionService.history(actor, params.id ?? '') },
  }),
  'GET /api/submissions/{id}/revisions/{n}': async ({ actor, params }) => ({
    body: await context().submissionService.revision(actor, params.id ?? '', params.n ?? ''),
  }),
  'GET /api/submissions/{id}/diff': async ({ actor, params, query }) => ({
    body: await context().submissionService.diff(actor, params.id ?? '', query),
  }),
  'POST /api/submissions/{id}/assignee': async ({ actor, params, headers, body }) =>
    withEtag(await context().submissionService.assign(actor, params.id ?? '', headers['if-match'], body)),
});
