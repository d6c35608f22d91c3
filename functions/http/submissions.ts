import type {
  AssignCommand,
  CreateSubmissionCommand,
  DiffQuery,
  ListSubmissionsQuery,
  SaveSubmissionCommand,
  TransitionCommand,
} from '#api/schemas/submissions';
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

/** Path parameters and query have passed the route's schema (see routes.ts) before these run. */
const id = (params: Record<string, unknown>) => String(params.id);

/** Submissions and the review workflow. */
export const handler = httpGroup({
  'GET /api/submissions': async ({ actor, query }) => ({
    body: await context().submissionService.list(actor, query as ListSubmissionsQuery),
  }),
  'POST /api/submissions': async ({ actor, body }) => {
    const sub = await context().submissionService.create(actor, body as CreateSubmissionCommand);
    return {
      ...withEtag(sub, 201),
      headers: { etag: etag(sub.version), location: `/api/submissions/${sub.id}` },
    };
  },
  'GET /api/submissions/{id}': async ({ actor, params }) =>
    withEtag(await context().submissionService.get(actor, id(params))),
  'PUT /api/submissions/{id}': async ({ actor, params, headers, body }) =>
    withEtag(
      await context().submissionService.save(
        actor,
        id(params),
        headers['if-match'],
        body as SaveSubmissionCommand,
      ),
    ),
  'POST /api/submissions/{id}/transitions': async ({ actor, params, headers, body }) =>
    withEtag(
      await context().submissionService.transition(
        actor,
        id(params),
        headers['if-match'],
        body as TransitionCommand,
      ),
    ),
  'GET /api/submissions/{id}/history': async ({ actor, params }) => ({
    body: { items: await context().submissionService.history(actor, id(params)) },
  }),
  'GET /api/submissions/{id}/revisions/{n}': async ({ actor, params }) => ({
    body: await context().submissionService.revision(actor, id(params), Number(params.n)),
  }),
  'GET /api/submissions/{id}/diff': async ({ actor, params, query }) => ({
    body: await context().submissionService.diff(actor, id(params), query as DiffQuery),
  }),
  'POST /api/submissions/{id}/assignee': async ({ actor, params, headers, body }) =>
    withEtag(
      await context().submissionService.assign(actor, id(params), headers['if-match'], body as AssignCommand),
    ),
});
