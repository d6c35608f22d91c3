import type { ChangeUserCommand, InviteCommand, UsersQuery } from '#api/schemas/users';
import { routeEdges } from '#api-generated/route-edges.users';
import { awsUserAdapters } from '#lib/aws-users';
import { httpGroup } from '#lib/http-handler';
import { userAdminService } from '#lib/services';

const users = () => userAdminService(awsUserAdapters());

/** The user administration: list, invite, change, and the change log. */
export const handler = httpGroup(routeEdges, {
  'GET /api/users': async ({ actor, query }) => ({ body: await users().list(actor, query as UsersQuery) }),
  'POST /api/users': async ({ actor, body }) => {
    const user = await users().invite(actor, body as InviteCommand);
    return { status: 201, body: user, headers: { location: `/api/users/${encodeURIComponent(user.sub)}` } };
  },
  'PATCH /api/users/{id}': async ({ actor, params, body }) => ({
    body: await users().change(actor, String(params.id), body as ChangeUserCommand),
  }),
  'GET /api/users/{id}/audit': async ({ actor, params }) => ({
    body: await users().audit(actor, String(params.id)),
  }),
});
