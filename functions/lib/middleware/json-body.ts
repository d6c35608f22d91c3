import type { MiddlewareObj } from '@middy/core';
import type { RouteEdges } from '#api-generated/route-edges';
import { AppError, badRequest } from '#core/errors';
import { parseJson } from '#core/json-input';
import type { ApiContext, ApiEvent, ApiResult } from './types.ts';

/** The largest JSON body accepted: a DynamoDB item holds at most 400 KB, and snapshot and history must fit. */
export const MAX_BODY_BYTES = 256 * 1024;

/** No form nests this deep; DynamoDB itself stores at most 32 levels. */
export const MAX_JSON_DEPTH = 32;

/** The nesting depth of a parsed JSON value, measured without recursion (deep input must not blow the stack). */
export function nestingDepth(value: unknown): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    max = Math.max(max, depth + 1);
    if (max > MAX_JSON_DEPTH) return max;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return max;
}

const mediaTypeOf = (contentType: string | undefined) =>
  (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';

const isJsonType = (contentType: string | undefined) => {
  const type = mediaTypeOf(contentType);
  return type === 'application/json' || type.endsWith('+json');
};

/**
 * Reads the JSON body: 413 above `MAX_BODY_BYTES` (measured before parsing), 415 if not declared as JSON,
 * 400 if malformed or nested deeper than `MAX_JSON_DEPTH`. No body leaves `body` undefined.
 * Runs after `requestHeaders`. `edges`: the handler group's routes (which take another media type).
 */
export const jsonBody = (edges: RouteEdges): MiddlewareObj<ApiEvent, ApiResult, Error, ApiContext> => ({
  before: async (request) => {
    const api = request.context.api;
    const event = request.event;
    if (!api || event.body === undefined || event.body === null || event.body === '') return;
    const raw = event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
    // A route that takes another media type (a CSV upload) gets its body as text, within its own limit.
    const rawBody = edges[event.routeKey]?.rawBody;
    if (rawBody) {
      if (raw.byteLength > rawBody.maxBytes) {
        throw new AppError(413, 'request.too_large', `The request body exceeds ${rawBody.maxBytes} bytes.`);
      }
      if (mediaTypeOf(api.headers['content-type']) !== rawBody.mediaType) {
        throw new AppError(
          415,
          'request.unsupported_media_type',
          `The request body must be ${rawBody.mediaType} (Content-Type: ${rawBody.mediaType}).`,
        );
      }
      api.body = raw.toString('utf8');
      return;
    }
    if (raw.byteLength > MAX_BODY_BYTES) {
      throw new AppError(413, 'request.too_large', `The request body exceeds ${MAX_BODY_BYTES} bytes.`);
    }
    if (!isJsonType(api.headers['content-type'])) {
      throw new AppError(
        415,
        'request.unsupported_media_type',
        'The request body must be JSON (Content-Type: application/json).',
      );
    }
    // Refuses malformed JSON and numbers JSON cannot carry exactly (400 with the number's pointer).
    const body = parseJson(raw.toString('utf8'));
    if (nestingDepth(body) > MAX_JSON_DEPTH) {
      throw badRequest(
        'request.too_deep',
        `The request body is nested deeper than ${MAX_JSON_DEPTH} levels.`,
      );
    }
    api.body = body;
  },
});
