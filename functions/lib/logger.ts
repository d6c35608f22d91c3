import { Logger } from '@aws-lambda-powertools/logger';

/**
 * The one structured logger (JSON, request ids). Never log request bodies, form data or names: log ids,
 * codes, statuses and durations only.
 */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'pakt-integration' });
