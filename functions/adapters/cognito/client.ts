import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { dependencyTimeoutMs } from '#lib/config';
import { sdkTimeouts, translateUnavailable } from '../sdk-resilience.ts';

/** One Cognito client per container, at module scope, with the same timeouts and 503 translation as the others. */
export const cognitoClient = translateUnavailable(
  new CognitoIdentityProviderClient({ ...sdkTimeouts(dependencyTimeoutMs()) }),
);
