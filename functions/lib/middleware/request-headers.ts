import type { MiddlewareObj } from '@middy/core';
import type { RouteEdges } from '#api-generated/route-edges';
import { actorFromClaims } from '#core/identity';
import type { Actor } from '#core/model';
import type { ApiContext, ApiEvent, ApiResult } from './types.ts';

/** The caller of a route that needs no sign-in: no role, no organisation. */
export const ANONYMOUS: Actor = Object.freeze({ sub: '', name: '', roles: [], org: '' }) as Actor;

/** Lower-cased header names; absent values dropped. */
export function lowerCaseHeaders(
  raw: Record<string, string | undefined> | undefined,
): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw ?? {}))
    if (value !== undefined) headers[name.toLowerCase()] = value;
  return headers;
}

const defined = (raw: Record<string, string | undefined> | null | undefined) => {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw ?? {})) if (v !== undefined) out[k] = v;
  return out;
};

/**
 * First of the request parsing: headers, the caller (from the JWT authorizer's claims; 401 without them,
 * except on a public route), path and query parameters as strings. API Gateway (and the local server)
 * pass path parameters decoded already. `edges`: the handler group's routes (which are public).
 */
export const requestHeaders = (edges: RouteEdges): MiddlewareObj<ApiEvent, ApiResult, Error, ApiContext> => ({
  before: async (request) => {
    const event = request.event;
    const isPublic = edges[event.routeKey]?.public === true;
    request.context.api = {
      actor: isPublic ? ANONYMOUS : actorFromClaims(event.requestContext?.authorizer?.jwt?.claims),
      params: defined(event.pathParameters),
      query: defined(event.queryStringParameters),
      headers: lowerCaseHeaders(event.headers),
      requestId: event.requestContext?.requestId ?? request.context.awsRequestId,
    };
  },
});
