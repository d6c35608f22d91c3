import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy, { type MiddlewareObj } from '@middy/core';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { AppError, badRequest, isAppError, notFound } from '#core/errors';
import { actorFromClaims } from '#core/identity';
import type { Actor } from '#core/model';
import { logger } from './logger.ts';

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

export type ApiEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type ApiResult = APIGatewayProxyStructuredResultV2;

/** What an operation receives: the caller, path and query parameters, headers and the parsed JSON body. */
export interface ApiRequest {
  actor: Actor;
  params: Record<string, string>;
  query: Record<string, string>;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body: unknown;
  requestId: string;
}

export interface ApiResponse {
  status?: number;
  /** Serialised as JSON, unless `text` is given. */
  body?: unknown;
  /** A non-JSON body (e.g. CSV); give its content type in `headers`. */
  text?: string;
  /** A binary body (e.g. a PDF), sent base64-encoded as API Gateway expects; give its content type in `headers`. */
  binary?: Uint8Array;
  headers?: Record<string, string>;
}

export type Operation = (req: ApiRequest) => Promise<ApiResponse>;

/** The Lambda context, carrying the parsed request from the middleware to the operation. */
type ApiContext = Context & { api?: ApiRequest };

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

/** Reads the caller, parameters and body; refuses what is not acceptable before any operation runs. */
const parseRequest = (): MiddlewareObj<ApiEvent, ApiResult, Error, ApiContext> => ({
  before: async (request) => {
    const event = request.event;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(event.headers ?? {}))
      if (value !== undefined) headers[name.toLowerCase()] = value;
    const actor = actorFromClaims(event.requestContext?.authorizer?.jwt?.claims);

    let body: unknown;
    if (event.body !== undefined && event.body !== null && event.body !== '') {
      const raw = event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
      if (raw.byteLength > MAX_BODY_BYTES) {
        throw new AppError(413, 'request.too_large', `The request body exceeds ${MAX_BODY_BYTES} bytes.`);
      }
      const type = (headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
      if (type !== 'application/json' && !type?.endsWith('+json')) {
        throw new AppError(
          415,
          'request.unsupported_media_type',
          'The request body must be JSON (Content-Type: application/json).',
        );
      }
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        throw badRequest('request.malformed_json', 'The request body is not valid JSON.');
      }
      if (nestingDepth(body) > MAX_JSON_DEPTH) {
        throw badRequest(
          'request.too_deep',
          `The request body is nested deeper than ${MAX_JSON_DEPTH} levels.`,
        );
      }
    }
    const query: Record<string, string> = {};
    for (const [k, v] of Object.entries(event.queryStringParameters ?? {})) if (v !== undefined) query[k] = v;
    const params: Record<string, string> = {};
    // API Gateway (and the local server) pass path parameters decoded already.
    for (const [k, v] of Object.entries(event.pathParameters ?? {})) if (v !== undefined) params[k] = v;
    request.context.api = {
      actor,
      params,
      query,
      headers,
      body,
      requestId: event.requestContext?.requestId ?? request.context.awsRequestId,
    };
    logger.appendKeys({ route: event.routeKey, apiRequestId: event.requestContext?.requestId });
  },
});

/** The one error model: AppError → its status and JSON body; anything else → generic 500 with a correlation id. */
const errorResponse = (): MiddlewareObj<ApiEvent, ApiResult, Error, ApiContext> => ({
  onError: async (request) => {
    const error = request.error;
    if (isAppError(error)) {
      logger.info('request refused', { status: error.status, code: error.code });
      request.response = json(error.status, {
        error: {
          code: error.code,
          message: error.message,
          ...(error.details ? { details: error.details } : {}),
        },
      });
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
 * limits), the operation picked by the API Gateway route key, JSON responses, one error model.
 */
export function httpGroup(operations: Record<string, Operation>) {
  return middy<ApiEvent, ApiResult, Error, ApiContext>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(errorResponse())
    .use(parseRequest())
    .handler(async (event, context): Promise<ApiResult> => {
      const operation = operations[event.routeKey];
      if (!operation) throw notFound('route.not_found', `No route ${event.routeKey}.`);
      const req = context.api;
      if (!req) throw new Error('request not parsed');
      const started = Date.now();
      const result = await operation(req);
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
