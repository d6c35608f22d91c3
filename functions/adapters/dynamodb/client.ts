import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dependencyTimeoutMs } from '#lib/config';
import { sdkTimeouts, translateUnavailable } from '../sdk-resilience.ts';

/**
 * One document client per container, at module scope (endpoint and credentials come from the environment).
 * Bounded timeouts and retries; a database that does not answer becomes 503 `dependency.unavailable`.
 */
export const dynamoClient = translateUnavailable(
  new DynamoDBClient({ ...sdkTimeouts(dependencyTimeoutMs()) }),
);

/** The document client over the same client (and so the same timeouts and translation). */
export const documentClient = DynamoDBDocumentClient.from(dynamoClient, {
  marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
});
