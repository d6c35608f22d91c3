import { type DynamoDBDocumentClient, paginateQuery, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { table } from '../../table.ts';

/** The attributes every item carries for the table's sake, not the record's: keys, index keys, tags, summary. */
const BOOKKEEPING = new Set<string>([
  table.partitionKey,
  table.sortKey,
  ...table.indexes.flatMap((i) => [i.partitionKey, i.sortKey]),
  'entity',
  'schemaVersion',
  ...table.indexProjection,
]);

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
  for (const [key, value] of Object.entries(item)) if (!BOOKKEEPING.has(key)) copy[key] = value;
  return copy as T;
}
