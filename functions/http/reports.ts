import { context } from '#lib/context';
import { httpGroup } from '#lib/http-handler';

/** Figures: planning frames, key figures, exports. */
export const handler = httpGroup({
  'GET /api/allocations': async ({ actor, query }) => ({
    body: await context().allocationService.overview(actor, query.round),
  }),
});
