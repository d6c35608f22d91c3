import type { Request } from '@middy/core';
import type { ApiContext, ApiEvent, ApiResult } from '../../functions/lib/middleware/types.ts';

/** A minimal API Gateway (payload v2) event for a route, as the middlewares see it. */
export function apiEvent(routeKey: string, overrides: Partial<ApiEvent> = {}): ApiEvent {
  return {
    version: '2.0',
    routeKey,
    rawPath: '/',
    rawQueryString: '',
    headers: {},
    isBase64Encoded: false,
    requestContext: {
      requestId: 'req-1',
      routeKey,
      authorizer: {
        principalId: '',
        integrationLatency: 0,
        jwt: {
          claims: { sub: 'u-1', name: 'Ada', 'cognito:groups': '[municipality]', 'custom:org': 'kirchheim' },
          scopes: [],
        },
      },
    },
    ...overrides,
  } as ApiEvent;
}

/** A middy request around the event, with the Lambda context the middlewares write into. */
export function middyRequest(event: ApiEvent): Request<ApiEvent, ApiResult, Error, ApiContext> {
  return {
    event,
    context: { awsRequestId: 'aws-1' } as ApiContext,
    response: undefined,
    error: undefined,
    internal: {},
  } as unknown as Request<ApiEvent, ApiResult, Error, ApiContext>;
}
