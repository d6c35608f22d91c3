import { ulid } from 'ulidx';
import { cognitoClient } from '#adapters/cognito/client';
import { CognitoUserDirectory } from '#adapters/cognito/user-directory';
import { documentClient } from '#adapters/dynamodb/client';
import { DynamoDirectory } from '#adapters/dynamodb/directory';
import { DynamoUserRecords } from '#adapters/dynamodb/user-records';
import { LocalSignInDirectory } from '#adapters/local/sign-in-directory';
import { config } from './config.ts';
import type { UserAdapters } from './services.ts';

let adapters: UserAdapters | undefined;
/**
 * The users function's adapters: the profiles and their audit in the table, and the sign-in: the Cognito
 * user pool, or locally the local sign-in (which reads the same profiles). Built once per container.
 */
export function awsUserAdapters(): UserAdapters {
  if (!adapters) {
    const { tableName, userDirectory } = config();
    const userRecords = new DynamoUserRecords(documentClient, tableName);
    if (userDirectory.kind === 'cognito' && !userDirectory.userPoolId)
      throw new Error('Missing configuration: environment variable USER_POOL_ID is not set.');
    adapters = {
      directory: new DynamoDirectory(documentClient, tableName),
      userRecords,
      identities:
        userDirectory.kind === 'local'
          ? new LocalSignInDirectory(userRecords)
          : new CognitoUserDirectory(cognitoClient, userDirectory.userPoolId),
      now: () => new Date(),
      newId: ulid,
    };
  }
  return adapters;
}
