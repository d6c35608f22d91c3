import middy, { type MiddlewareObj } from '@middy/core';
import type { RouteEdges } from '#api-generated/route-edges';
import { isAppError, notFound } from '#core/errors';
import { idempotent } from './idempotency.ts';
import { injectLambdaContext, logger } from './logger.ts';
import { jsonBody } from './middleware/json-body.ts';
import { requestHeaders } from './middleware/request-headers.ts';
import type { ApiContext, ApiEvent, ApiRequest, ApiResult, Operation } from './middleware/types.ts';
import { validateRequest } from './middleware/validate-request.ts';

export { MAX_BODY_BYTES, MAX_JSON_DEPTH, nestingDepth } from './middleware/json-body.ts';
export type { ApiEvent, ApiRequest, ApiResponse, ApiResult, Operation } from './middleware/types.ts';

const JSON_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

const json = (status: number, body: unknown, headers: Record<string, string> = {}): ApiResult => ({
  statusCode: status,
  headers: { ...JSON_HEADERS, ...headers },
  body: body === undefined ? '' : JSON.stringify(body),
});

/** Log keys of the request, once it is known which route it is. */
const logKeys = (): MiddlewareObj<ApiEvent, ApiResult, Error, ApiContext> => ({
  before: async (request) => {
    logger.appendKeys({
      route: request.event.routeKey,
      apiRequestId: request.event.requestContext?.requestId,
    });
  },
});

/** The one error model: AppError → its status and JSON body; anything else → generic 500 with a correlation id. */
const errorResponse = (): MiddlewareObj<ApiEvent, ApiResult, Error, ApiContext> => ({
  onError: async (request) => {
    const error = request.error;
    if (isAppError(error)) {
      if (error.status >= 500) {
        // Only the name of the cause: messages of SDK errors may echo input.
        const causeName = (error.cause as { name?: string } | undefined)?.name;
        logger.warn('dependency failed', { status: error.status, code: error.code, causeName });
      } else logger.info('request refused', { status: error.status, code: error.code });
      request.response = json(
        error.status,
        {
          error: {
            code: error.code,
            message: error.message,
            ...(error.details ? { details: error.details } : {}),
          },
        },
        error.retryAfterSeconds === undefined ? {} : { 'retry-after': String(error.retryAfterSeconds) },
      );
      return;
    }
    const correlationId = request.context.awsRequestId;
    // Only the error's name and stack: messages of SDK errors may echo input.
    logger.error('unexpected error', { errorName: error?.name, stack: error?.stack, correlationId });
    request.response = json(500, {
      error: { code: 'internal', message: 'An unexpected error occurred.', correlationId },
    });
  },
});

/**
 * The one middy stack for every HTTP handler group: logger context, request parsing (caller, JSON body,
 * limits, the route's declared schemas), the operation picked by the API Gateway route key, JSON
 * responses, one error model. `edges` are the group's own routes (`#api-generated/route-edges.<group>`):
 * a function bundles only its group's validators, not those of every route nor the route table.
 */
export function httpGroup(edges: RouteEdges, operations: Record<string, Operation>) {
  const unknown = Object.keys(operations).filter((key) => !Object.hasOwn(edges, key));
  if (unknown.length) throw new Error(`Operations of routes outside this group: ${unknown.join(', ')}`);
  return middy<ApiEvent, ApiResult, Error, ApiContext>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(errorResponse())
    .use(logKeys())
    .use(requestHeaders(edges))
    .use(jsonBody(edges))
    .use(validateRequest(edges))
    .handler(async (event, context): Promise<ApiResult> => {
      const operation = operations[event.routeKey];
      if (!operation) throw notFound('route.not_found', `No route ${event.routeKey}.`);
      const parsed = context.api;
      if (!parsed) throw new Error('request not parsed');
      const req: ApiRequest = { ...parsed, body: parsed.body };
      const started = Date.now();
      // Writes with an Idempotency-Key run at most once (see `idempotency.ts`).
      const result = await idempotent(event.routeKey, operation, req, context);
      const status = result.status ?? 200;
      logger.info('request done', { status, ms: Date.now() - started });
      if (result.binary !== undefined) {
        return {
          statusCode: status,
          headers: { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...result.headers },
          body: Buffer.from(result.binary).toString('base64'),
          isBase64Encoded: true,
        };
      }
      if (result.text !== undefined) {
        return {
          statusCode: status,
          headers: { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...result.headers },
          body: result.text,
        };
      }
      return json(status, result.body, result.headers);
    });
}
