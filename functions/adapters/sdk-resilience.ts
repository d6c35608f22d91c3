import { dependencyUnavailable } from '#core/errors';

/**
 * Timeouts and retries of every SDK client, so that a dependency that is down or stalled is answered with
 * 503 within about 3 s instead of hanging the request (and the Lambda) for the SDK's defaults. Two
 * attempts of at most 1.2 s each (the AWS setting, `config().dependencyTimeoutMs`) with the SDK's short
 * jittered back-off in between stay below that. `requestTimeout` is the socket's idle time, not the
 * total: a large object that keeps streaming is fine.
 */
export const sdkTimeouts = (requestTimeoutMs: number) =>
  ({
    maxAttempts: 2,
    // Without `throwOnRequestTimeout` the handler only logs a warning when the time is up and keeps waiting.
    requestHandler: {
      connectionTimeout: Math.min(800, requestTimeoutMs),
      requestTimeout: requestTimeoutMs,
      throwOnRequestTimeout: true,
    },
  }) as const;

/** Error names of the SDK and of Node that mean "not now", not "not so". */
const UNAVAILABLE_NAMES = new Set([
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'SlowDown',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'InternalServerError',
  'InternalError',
]);
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/** True for timeouts, network failures, throttling and server-side (5xx) failures of a dependency. */
export function isUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { name?: string; code?: string; $metadata?: { httpStatusCode?: number } };
  if (e.name && UNAVAILABLE_NAMES.has(e.name)) return true;
  if (e.code && NETWORK_CODES.has(e.code)) return true;
  const status = e.$metadata?.httpStatusCode;
  return status !== undefined && status >= 500;
}

interface StackOwner {
  middlewareStack: {
    add(
      middleware: (next: (args: unknown) => Promise<unknown>) => (args: unknown) => Promise<unknown>,
      options: { step: 'initialize'; name: string; override?: boolean },
    ): void;
  };
}

/**
 * Translates, at the client, what `isUnavailable` recognises into the one domain error (503
 * `dependency.unavailable` with `Retry-After`), after the SDK's own retries. Every other error (a failed
 * condition, a cancelled transaction, a missing object) passes unchanged to the adapter that knows it.
 */
export function translateUnavailable<C extends object>(client: C): C {
  (client as unknown as StackOwner).middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        throw isUnavailable(error) ? dependencyUnavailable(error) : error;
      }
    },
    { step: 'initialize', name: 'translateUnavailable', override: true },
  );
  return client;
}
