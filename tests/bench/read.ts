/**
 * Read overhead: `GET /api/submissions/{id}` of a submitted funding application, read by its owner, through
 * the local HTTP server (sign-in check, route table, middy stack, service, store), against a raw `GetItem` of
 * the same item on the same DynamoDB Local, and against the floor with the HTTP hop: a bare `node:http` server
 * on loopback doing that same `GetItem` per request (API Gateway makes this hop in AWS). One connection each,
 * sequential. The raw ratio (against `GetItem` alone) is printed too.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { submissionKey } from '../../functions/adapters/dynamodb/submission-store.ts';
import {
  attachSignedApplication,
  type BenchPlatform,
  compare,
  type Figure,
  ok,
  ratio,
  round2,
  sample,
  startHopFloor,
  stats,
} from './lib.ts';

const N = 1000;
const WARMUP = 200;

export async function measureRead(platform: BenchPlatform): Promise<Figure[]> {
  const owner = await platform.as('kirchheim.kommune');
  const draft = await ok(
    owner.request('POST', '/api/submissions', {
      formId: 'funding-application',
      data: await sample('funding-application', 'valid-minimal'),
    }),
  );
  await attachSignedApplication(owner, draft.id);
  const sub = await ok(
    owner.request('POST', `/api/submissions/${draft.id}/transitions`, { action: 'submit' }, draft.version),
  );
  const path = `/api/submissions/${sub.id}`;
  const key = { TableName: platform.tableName, Key: submissionKey(sub.id) };

  const getItem = async () => {
    const out = await platform.dynamo.send(new GetCommand(key));
    if (!out.Item) throw new Error('GetItem found nothing');
    return out.Item;
  };
  const hop = await startHopFloor(getItem);
  let timings: Record<'api' | 'getItem' | 'hopFloor', number[]>;
  try {
    timings = await compare(
      {
        api: async () => {
          const res = await owner.request('GET', path);
          if (res.status !== 200) throw new Error(`GET ${path}: ${res.status}`);
        },
        getItem,
        hopFloor: () => hop.call(),
      },
      { n: N, warmup: WARMUP },
    );
  } finally {
    await hop.close();
  }
  const api = stats(timings.api);
  const floor = stats(timings.getItem);
  const hopFloor = stats(timings.hopFloor);
  const detail = { apiMs: api, getItemMs: floor, hopFloorMs: hopFloor };
  return [
    ratio('read overhead', 'p50 vs HTTP-hop floor', round2(api.p50 / hopFloor.p50), 1.15, detail),
    ratio('read overhead', 'p99 vs HTTP-hop floor', round2(api.p99 / hopFloor.p99), 2.3, detail),
    ratio('read overhead', 'p50 raw (vs GetItem)', round2(api.p50 / floor.p50), 1.5, detail),
    ratio('read overhead', 'p99 raw (vs GetItem)', round2(api.p99 / floor.p99), 3, detail),
  ];
}
