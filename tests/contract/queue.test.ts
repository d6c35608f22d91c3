import { describe, expect, it } from 'vitest';
import { DynamoErasureStore } from '../../functions/adapters/dynamodb/erasure-store.ts';
import { DynamoSubmissionStore } from '../../functions/adapters/dynamodb/submission-store.ts';
import { MemoryErasureStore } from '../../functions/adapters/memory/erasure-store.ts';
import { MemorySubmissionStore } from '../../functions/adapters/memory/submission-store.ts';
import { planQueueQuery } from '../../functions/core/queue.ts';
import { localTable } from '../helpers/dynamo.ts';
import { queueStoreContract } from './queue-store.contract.ts';

const table = localTable('queue');

queueStoreContract('memory', async () => {
  const store = new MemorySubmissionStore();
  return { store, erasure: new MemoryErasureStore(store) };
});
queueStoreContract('DynamoDB Local', async () => ({
  store: new DynamoSubmissionStore(table.doc, table.tableName),
  erasure: new DynamoErasureStore(table.doc, table.tableName),
}));

describe('queue query plans', () => {
  it('reads one partition per supported combination and refuses the others with a clear code', () => {
    expect(planQueueQuery({})).toEqual({ facet: 'all' });
    expect(planQueueQuery({ district: 'Landkreis Böblingen' })).toEqual({
      facet: 'district=landkreisboeblingen',
    });
    expect(planQueueQuery({ status: 'review', reviewer: 'none' })).toEqual({
      facet: 'status=review&reviewer=none',
    });
    expect(planQueueQuery({ q: 'Öhringen' })).toEqual({ search: 'oehringen' });
    expect(() => planQueueQuery({ q: 'a', district: 'b' })).toThrow(
      expect.objectContaining({ code: 'queue.unsupported_filter', status: 400 }),
    );
    expect(() => planQueueQuery({ round: '2019', status: 'review' })).toThrow(
      expect.objectContaining({ code: 'queue.unsupported_filter' }),
    );
    expect(() => planQueueQuery({ q: '--' })).toThrow(expect.objectContaining({ code: 'queue.bad_search' }));
  });
});
