/**
 * The entry of `idempotency.mjs`, the module shipped beside every HTTP function's bundle (built by
 * `npm run build:api`, see `buildIdempotencyModule`) and loaded by `idempotency.ts` on the first write with
 * an Idempotency-Key: Powertools idempotency with its DynamoDB persistence layer and JMESPath, about 90 kB
 * of code that no cold start parses. esbuild inlines a dynamic `import()` of a package into the bundle, so
 * the module is built apart and imported from its file. It holds no AWS SDK: see `idempotency-sdk.ts`.
 */
export {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  IdempotencyPersistenceLayerError,
  IdempotencyValidationError,
  makeIdempotent,
} from '@aws-lambda-powertools/idempotency';
export { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
export { provideSdk } from './idempotency-sdk.ts';
