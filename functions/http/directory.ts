import { context } from '#lib/context';
import { httpGroup } from '#lib/http-handler';

/** Who am I, the organisations, the users of my organisation. */
export const handler = httpGroup({
  'GET /api/me': async ({ actor }) => ({ body: await context().directoryService.me(actor) }),
  'GET /api/organisations': async () => ({ body: await context().directoryService.organisations() }),
  'GET /api/users': async ({ actor, query }) => ({
    body: await context().directoryService.users(actor, query.role),
  }),
});
