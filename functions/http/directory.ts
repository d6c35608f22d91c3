import { documentClient } from '#adapters/dynamodb/client';
import { DynamoDirectory } from '#adapters/dynamodb/directory';
import type { ProfileBody } from '#api/schemas/profile';
import { routeEdges } from '#api-generated/route-edges.directory';
import { etag } from '#core/if-match';
import { config } from '#lib/config';
import { httpGroup } from '#lib/http-handler';
import { directoryService } from '#lib/services';

// This function needs only the directory: it hands the composition root just that adapter, so it bundles
// no other store and not the form catalogue.
const directory = directoryService({ directory: new DynamoDirectory(documentClient, config().tableName) });

const withEtag = <T extends { version: number }>(body: T) => ({
  body,
  headers: { etag: etag(body.version) },
});

/** Who am I, the organisations, an organisation's profile. */
export const handler = httpGroup(routeEdges, {
  'GET /api/me': async ({ actor }) => ({ body: await directory.me(actor) }),
  'GET /api/organisations': async () => ({ body: await directory.organisations() }),
  'GET /api/organisations/{id}/profile': async ({ actor, params }) =>
    withEtag(await directory.profile(actor, params.id as string)),
  'PUT /api/organisations/{id}/profile': async ({ actor, params, headers, body }) =>
    withEtag(
      await directory.updateProfile(actor, params.id as string, headers['if-match'], body as ProfileBody),
    ),
});
