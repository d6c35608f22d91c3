/**
 * One error model. Every error the platform raises on purpose carries a stable string code and an HTTP
 * status; the middy onError turns it into `{"error": {"code", "message", "details"?}}`.
 * Anything else is an unexpected failure and becomes a generic 500 with a correlation id.
 */

export interface ErrorDetail {
  /** JSON pointer into the request body (or data), e.g. `/positions/0/fte`. */
  pointer: string;
  message: string;
  code?: string;
  /** Which part of the request the pointer points into; absent: the body. */
  in?: 'path' | 'query' | 'body';
}

export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details?: ErrorDetail[];
  /** Seconds after which a retry may succeed (429, 503): sent as `Retry-After`. */
  readonly retryAfterSeconds?: number;

  constructor(
    status: number,
    code: string,
    message: string,
    options?: { details?: ErrorDetail[]; cause?: unknown; retryAfterSeconds?: number },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.status = status;
    this.code = code;
    if (options?.details) this.details = options.details;
    if (options?.retryAfterSeconds !== undefined) this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export const badRequest = (code: string, message: string, details?: ErrorDetail[]) =>
  new AppError(400, code, message, details ? { details } : undefined);
export const unauthorized = (message = 'Anmeldung erforderlich / sign-in required') =>
  new AppError(401, 'auth.unauthorized', message);
export const forbidden = (code: string, message: string) => new AppError(403, code, message);
export const notFound = (code: string, message: string) => new AppError(404, code, message);
export const conflict = (code: string, message: string, details?: ErrorDetail[]) =>
  new AppError(409, code, message, details ? { details } : undefined);
export const staleVersion = () =>
  new AppError(
    412,
    'submission.stale_version',
    'The submission was changed meanwhile; reload it and try again.',
  );
/** Another first submit took the file number a write counted on (the submit service reads again and retries). */
export const fileNumberTaken = () =>
  new AppError(409, 'file_number.taken', 'Another submission took the file number meanwhile; try again.');
export const versionRequired = () =>
  new AppError(
    428,
    'submission.version_required',
    'If-Match with the version (ETag) you last saw is required.',
  );

/**
 * A dependency (database, object storage) is down, stalled or throttling: the request did nothing that
 * stays, and the same request may succeed later. Raised where the SDK call fails, after its bounded retries.
 */
export const dependencyUnavailable = (cause?: unknown, retryAfterSeconds = 5) =>
  new AppError(
    503,
    'dependency.unavailable',
    'A service the platform depends on does not answer; try again shortly.',
    { cause, retryAfterSeconds },
  );
/** The caller sent more requests than its share; it may try again after `retryAfterSeconds`. */
export const tooManyRequests = (retryAfterSeconds: number) =>
  new AppError(429, 'request.rate_limited', 'Too many requests; try again shortly.', { retryAfterSeconds });

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
