import { type DynamoDBDocumentClient, paginateQuery, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';

/** Every item a query matches, page after page (the SDK's paginator follows `LastEvaluatedKey`). */
export async function queryAll(
  client: DynamoDBDocumentClient,
  input: QueryCommandInput,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for await (const page of paginateQuery({ client }, input)) items.push(...(page.Items ?? []));
  return items;
}

/** An item without the table's bookkeeping attributes (keys, index keys, entity, schema version, summary). */
export function withoutKeys<T>(item: Record<string, unknown>): T {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(item)) {
    if (key === 'pk' || key === 'sk' || key === 'entity' || key === 'schemaVersion' || key === 'summary')
      continue;
    if (/^gsi\d+(pk|sk)$/.test(key)) continue;
    copy[key] = value;
  }
  return copy as T;
}
