import type { MiddlewareObj } from '@middy/core';
import type { RouteEdges, RouteValidator } from '#api-generated/route-edges';
import { badRequest, type ErrorDetail, notFound } from '#core/errors';
import { encodeToken } from '#core/json-pointer';
import type { ApiContext, ApiEvent, ApiResult } from './types.ts';

/** Enough to show every field of a form page; the rest would only make the answer large. */
export const MAX_DETAILS = 100;

type Part = 'path' | 'query' | 'body';

/** ajv's errors as JSON pointers to the offending value (a missing or unknown property: its would-be place). */
export function detailsOf(part: Part, errors: RouteValidator['errors']): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  for (const error of errors ?? []) {
    if (details.length >= MAX_DETAILS) break;
    const name =
      error.keyword === 'required'
        ? error.params.missingProperty
        : error.keyword === 'additionalProperties'
          ? error.params.additionalProperty
          : undefined;
    const pointer =
      typeof name === 'string' ? `${error.instancePath}/${encodeToken(name)}` : error.instancePath;
    const message =
      error.keyword === 'additionalProperties' ? 'is not a known field' : (error.message ?? error.keyword);
    details.push({ pointer, message, in: part });
  }
  return details;
}

/**
 * Validates path parameters, query and body against the route's declared schemas with the precompiled
 * validators, before any service runs: 400 `request.invalid` with JSON pointers (`in` names the part).
 * Path and query values are coerced to their declared types in place. A route that declares no body
 * refuses one. Runs after `requestHeaders` and `jsonBody`. `edges`: the handler group's routes (see
 * `functions/api/build.ts`).
 */
export const validateRequest = (
  edges: RouteEdges,
): MiddlewareObj<ApiEvent, ApiResult, Error, ApiContext> => ({
  before: async (request) => {
    const api = request.context.api;
    if (!api) return;
    const route = edges[request.event.routeKey];
    if (!route) throw notFound('route.not_found', `No route ${request.event.routeKey}.`);
    const details: ErrorDetail[] = [];
    const check = (part: Part, validate: RouteValidator | undefined, value: unknown) => {
      if (validate && !validate(value)) details.push(...detailsOf(part, validate.errors));
    };
    check('path', route.params, api.params);
    check('query', route.query, api.query);
    if (route.body) check('body', route.body, api.body);
    else if (api.body !== undefined && !route.rawBody)
      details.push({ pointer: '', message: 'this route takes no body', in: 'body' });
    if (details.length) {
      throw badRequest(
        'request.invalid',
        'The request does not match the API.',
        details.slice(0, MAX_DETAILS),
      );
    }
  },
});
