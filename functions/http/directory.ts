import { documentClient } from '#adapters/dynamodb/client';
import { DynamoDirectory } from '#adapters/dynamodb/directory';
import { routeEdges } from '#api-generated/route-edges.directory';
import { config } from '#lib/config';
import { httpGroup } from '#lib/http-handler';
import { directoryService } from '#lib/services';

// This function needs only the directory: it hands the composition root just that adapter, so it bundles
// no other store and not the form catalogue.
const directory = directoryService({ directory: new DynamoDirectory(documentClient, config().tableName) });

/** Who am I, the organisations. */
export const handler = httpGroup(routeEdges, {
  'GET /api/me': async ({ actor }) => ({ body: await directory.me(actor) }),
  'GET /api/organisations': async () => ({ body: await directory.organisations() }),
});
