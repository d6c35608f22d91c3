import type { PayoutCommand } from '#api/schemas/follow-up';
import type {
  AssignCommand,
  CreateSubmissionCommand,
  DecisionProposalQuery,
  DiffQuery,
  FinalityCommand,
  ListSubmissionsQuery,
  MemberConfirmationCommand,
  ReviewerCommand,
  SaveSubmissionCommand,
  TransitionCommand,
} from '#api/schemas/submissions';
import { routeEdges } from '#api-generated/route-edges.submissions';
import type { Submission } from '#core/model';
import { validatorFiles } from '#generated/validators';
import { awsTableAdapters, registerRepoValidators } from '#lib/aws-adapters';
import { httpGroup } from '#lib/http-handler';
import { decisionService, followUpService, jointService, submissionService } from '#lib/services';
import { etag, parseIfMatch } from '#services/submission-service';

const withEtag = (sub: Submission, status = 200) => ({
  status,
  body: sub,
  headers: { etag: etag(sub.version) },
});

// This function validates form data against the repository's forms.
registerRepoValidators(validatorFiles);
const service = () => submissionService(awsTableAdapters());

/** Path parameters and query have passed the route's schema (see routes.ts) before these run. */
const id = (params: Record<string, unknown>) => String(params.id);

/** Submissions and the review workflow. */
export const handler = httpGroup(routeEdges, {
  'GET /api/submissions': async ({ actor, query }) => ({
    body: await service().list(actor, query as ListSubmissionsQuery),
  }),
  'POST /api/submissions': async ({ actor, body }) => {
    const sub = await service().create(actor, body as CreateSubmissionCommand);
    return {
      ...withEtag(sub, 201),
      headers: { etag: etag(sub.version), location: `/api/submissions/${sub.id}` },
    };
  },
  'GET /api/submissions/{id}': async ({ actor, params }) => withEtag(await service().get(actor, id(params))),
  'PUT /api/submissions/{id}': async ({ actor, params, headers, body }) =>
    withEtag(await service().save(actor, id(params), headers['if-match'], body as SaveSubmissionCommand)),
  'POST /api/submissions/{id}/transitions': async ({ actor, params, headers, body }) =>
    withEtag(await service().transition(actor, id(params), headers['if-match'], body as TransitionCommand)),
  'GET /api/submissions/{id}/history': async ({ actor, params }) => ({
    body: { items: await service().history(actor, id(params)) },
  }),
  'GET /api/submissions/{id}/revisions/{n}': async ({ actor, params }) => ({
    body: await service().revision(actor, id(params), Number(params.n)),
  }),
  'GET /api/submissions/{id}/diff': async ({ actor, params, query }) => ({
    body: await service().diff(actor, id(params), query as DiffQuery),
  }),
  'POST /api/submissions/{id}/assignee': async ({ actor, params, headers, body }) =>
    withEtag(await service().assign(actor, id(params), headers['if-match'], body as AssignCommand)),
  'GET /api/submissions/{id}/decision-proposal': async ({ actor, params, query }) => ({
    body: await decisionService(awsTableAdapters()).proposal(
      actor,
      id(params),
      (query as DecisionProposalQuery).approvedAmount,
      (query as DecisionProposalQuery).roundVersion,
    ),
  }),
  'POST /api/submissions/{id}/finality': async ({ actor, params, headers, body }) =>
    withEtag(
      await decisionService(awsTableAdapters()).recordFinality(
        actor,
        id(params),
        headers['if-match'],
        body as FinalityCommand,
      ),
    ),
  'GET /api/submissions/{id}/children': async ({ actor, params }) => ({
    body: { items: await followUpService(awsTableAdapters()).children(actor, id(params)) },
  }),
  'GET /api/submissions/{id}/case-file': async ({ actor, params }) => ({
    body: await followUpService(awsTableAdapters()).caseFile(actor, id(params)),
  }),
  'POST /api/submissions/{id}/payout': async ({ actor, params, headers, body }) =>
    withEtag(
      await followUpService(awsTableAdapters()).recordPayout(
        actor,
        id(params),
        headers['if-match'] === undefined ? undefined : parseIfMatch(headers['if-match']),
        (body as PayoutCommand).paidOn,
      ),
    ),
  'POST /api/submissions/{id}/reviewer': async ({ actor, params, headers, body }) =>
    withEtag(await service().setReviewer(actor, id(params), headers['if-match'], body as ReviewerCommand)),
  'POST /api/submissions/{id}/member-confirmation': async ({ actor, params, headers, body }) =>
    withEtag(
      await jointService(awsTableAdapters()).confirm(
        actor,
        id(params),
        headers['if-match'],
        body as MemberConfirmationCommand,
      ),
    ),
});
