import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { table } from '../table.ts';

/** The CreateTable input derived from the one table definition (the CDK stack derives the same). */
export function createTableInput(tableName: string): CreateTableCommandInput {
  const keyAttrs = new Set<string>([table.partitionKey, table.sortKey]);
  for (const index of table.indexes) {
    keyAttrs.add(index.partitionKey);
    keyAttrs.add(index.sortKey);
  }
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    StreamSpecification: { StreamEnabled: true, StreamViewType: table.stream },
    AttributeDefinitions: [...keyAttrs].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: table.partitionKey, KeyType: 'HASH' },
      { AttributeName: table.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: table.indexes.map((index) => ({
      IndexName: index.name,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' },
        { AttributeName: index.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: [...table.indexProjection] },
    })),
  };
}

/**
 * Creates the table if it does not exist yet, or adds the indexes a newer table definition has (local data
 * kept from an older version). Returns true if the table was created. With `create: false` a missing table
 * is an error (a database exists on disk, so the data is unreadable rather than absent).
 */
export async function ensureTable(
  client: DynamoDBClient,
  tableName: string,
  options: { create?: boolean; onMissing?: () => Error } = {},
): Promise<boolean> {
  try {
    const described = await client.send(new DescribeTableCommand({ TableName: tableName }));
    await addMissingIndexes(
      client,
      tableName,
      described.Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName) ?? [],
    );
    // Local data kept from a table made before it had a stream.
    if (!described.Table?.StreamSpecification?.StreamEnabled) {
      await client.send(
        new UpdateTableCommand({
          TableName: tableName,
          StreamSpecification: { StreamEnabled: true, StreamViewType: table.stream },
        }),
      );
    }
    return false;
  } catch (error) {
    if ((error as { name?: string }).name !== 'ResourceNotFoundException') throw error;
  }
  if (options.create === false) throw options.onMissing?.() ?? new Error(`Table ${tableName} is missing.`);
  try {
    await client.send(new CreateTableCommand(createTableInput(tableName)));
  } catch (error) {
    if (error instanceof ResourceInUseException) return false;
    throw error;
  }
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: table.ttlAttribute, Enabled: true },
    }),
  );
  return true;
}

async function addMissingIndexes(
  client: DynamoDBClient,
  tableName: string,
  existing: Array<string | undefined>,
) {
  const input = createTableInput(tableName);
  for (const index of input.GlobalSecondaryIndexes ?? []) {
    if (existing.includes(index.IndexName)) continue;
    const keys = new Set(index.KeySchema?.map((k) => k.AttributeName));
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: input.AttributeDefinitions?.filter((a) => keys.has(a.AttributeName)),
        GlobalSecondaryIndexUpdates: [{ Create: index }],
      }),
    );
  }
}

/** The table's stream (DynamoDB Local has one once the table has a stream specification). */
export async function streamArnOf(client: DynamoDBClient, tableName: string): Promise<string> {
  const described = await client.send(new DescribeTableCommand({ TableName: tableName }));
  const arn = described.Table?.LatestStreamArn;
  if (!arn) throw new Error(`The table ${tableName} has no stream.`);
  return arn;
}
