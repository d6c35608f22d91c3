import type * as DynamoDB from '@aws-sdk/client-dynamodb';

/**
 * What the idempotency module (`idempotency-module.ts`) would import of `@aws-sdk/client-dynamodb`: its build
 * resolves that package to this file, and the function that loads it hands over its own classes
 * (`provideSdk`) before any is used. So the module carries no second copy of the SDK, Powertools sends with
 * the function's one client, and its `instanceof` checks see the errors that client throws.
 */
export interface IdempotencySdk {
  ConditionalCheckFailedException: typeof DynamoDB.ConditionalCheckFailedException;
  DeleteItemCommand: typeof DynamoDB.DeleteItemCommand;
  DynamoDBClient: typeof DynamoDB.DynamoDBClient;
  GetItemCommand: typeof DynamoDB.GetItemCommand;
  PutItemCommand: typeof DynamoDB.PutItemCommand;
  UpdateItemCommand: typeof DynamoDB.UpdateItemCommand;
}

// Bindings that `provideSdk` fills in: the bundled module reads them when it sends, not when it loads.
// biome-ignore-start lint/style/useConst: assigned once, by provideSdk
export let ConditionalCheckFailedException: IdempotencySdk['ConditionalCheckFailedException'];
export let DeleteItemCommand: IdempotencySdk['DeleteItemCommand'];
export let DynamoDBClient: IdempotencySdk['DynamoDBClient'];
export let GetItemCommand: IdempotencySdk['GetItemCommand'];
export let PutItemCommand: IdempotencySdk['PutItemCommand'];
export let UpdateItemCommand: IdempotencySdk['UpdateItemCommand'];
// biome-ignore-end lint/style/useConst: assigned once, by provideSdk

export function provideSdk(sdk: IdempotencySdk): void {
  ({
    ConditionalCheckFailedException,
    DeleteItemCommand,
    DynamoDBClient,
    GetItemCommand,
    PutItemCommand,
    UpdateItemCommand,
  } = sdk);
}
