import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import type { Actor } from '#core/model';

export type ApiEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type ApiResult = APIGatewayProxyStructuredResultV2;

/**
 * What an operation receives: the caller, path and query parameters, headers and the parsed JSON body.
 * Path, query and body have passed the route's declared schemas when the operation runs (path and query
 * values coerced to the declared types, e.g. `limit` is a number), so an operation may read them as the
 * route's command types.
 */
export interface ApiRequest {
  /** The signed-in caller; for public routes an anonymous caller with no role. */
  actor: Actor;
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body: unknown;
  requestId: string;
}

/** The request as the middlewares build it up, before the operation runs. */
export type ParsedRequest = Omit<ApiRequest, 'body'> & { body?: unknown };

/** The Lambda context, carrying the parsed request from the middlewares to the operation. */
export type ApiContext = Context & { api?: ParsedRequest };

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
