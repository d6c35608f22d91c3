import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { s3Client } from '#adapters/s3/client';
import { S3StaticAssets } from '#adapters/s3/static-assets';
import type { PublishCommand } from '#api/schemas/resources';
import type { AllocationUploadQuery, SaveRoundCommand } from '#api/schemas/rounds';
import { routeEdges } from '#api-generated/route-edges.admin';
import type { RowMapping } from '#core/allocation-import';
import { VALIDATOR_COMPILER_FILE } from '#forms/types';
import { awsFormAdapters, awsRoundAdapters, awsTableAdapters } from '#lib/aws-adapters';
import { config } from '#lib/config';
import { httpGroup } from '#lib/http-handler';
import { allocationImportService, formCatalog, roundService } from '#lib/services';

const assets = config().webBucket ? new S3StaticAssets(s3Client, config().webBucket) : undefined;

/** Publishing form versions and funding rounds (admin). The validator is compiled here, once, and stored with the version. */
export const handler = httpGroup(routeEdges, {
  'POST /api/forms/{formId}/versions': async ({ actor, params, body }) => {
    const forms = formCatalog(awsFormAdapters());
    const compile = async (schema: Record<string, unknown>) => {
      // Loaded on the first publish, from its file beside the bundle (`forms/`; locally `forms/generated/`):
      // ajv's compiler is needed only here and stays out of the bundle.
      const { validatorModuleCode, PRELUDE } = (await import(
        /* @vite-ignore */ pathToFileURL(join(config().formsDir, VALIDATOR_COMPILER_FILE)).href
      )) as typeof import('#forms/validator-code') & { PRELUDE: string };
      return validatorModuleCode(schema, PRELUDE).code;
    };
    const version = await forms.publish(actor, String(params.formId), body as PublishCommand, {
      compile,
      now: new Date(),
      ...(assets ? { assets } : {}),
    });
    return {
      status: 201,
      body: version,
      headers: { location: `/api/forms/${version.id}/versions/${version.version}` },
    };
  },
  'POST /api/rounds': async ({ actor, body }) => ({
    status: 201,
    body: await roundService(awsRoundAdapters()).save(actor, body as SaveRoundCommand),
  }),
  'POST /api/rounds/{id}/allocations': async ({ actor, params, query, body }) => {
    const { dryRun = false, map } = query as AllocationUploadQuery;
    return {
      body: await allocationImportService(awsTableAdapters()).upload(
        actor,
        String(params.id),
        typeof body === 'string' ? body : '',
        { dryRun, mappings: mappingsOf(map) },
      ),
    };
  },
});

/** `4=weilheim-an-der-teck,7=*`: row 4 to an existing organisation, row 7 to a new one. */
function mappingsOf(map: string | undefined): RowMapping[] {
  return (map ? map.split(',') : []).map((pair) => {
    const [line = '', org = ''] = pair.split('=');
    return org === '*' ? { line: Number(line), create: true } : { line: Number(line), org };
  });
}
