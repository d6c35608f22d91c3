/**
 * Read overhead: `GET /api/submissions/{id}` of a submitted funding application, read by its owner, through
 * the local HTTP server (sign-in check, route table, middy stack, service, store), against a raw `GetItem` of
 * the same item on the same DynamoDB Local. One connection each, sequential.
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

  const timings = await compare(
    {
      api: async () => {
        const res = await owner.request('GET', path);
        if (res.status !== 200) throw new Error(`GET ${path}: ${res.status}`);
      },
      getItem: async () => {
        const out = await platform.dynamo.send(new GetCommand(key));
        if (!out.Item) throw new Error('GetItem found nothing');
      },
      // Not part of the ratio: the bare HTTP round trip to the local server (a static JSON answer), to show
      // how much of the overhead is the hop itself, which API Gateway makes in AWS.
      httpHop: async () => {
        const res = await fetch(`${platform.url}/config.json`);
        await res.text();
      },
    },
    { n: N, warmup: WARMUP },
  );
  const api = stats(timings.api);
  const floor = stats(timings.getItem);
  const detail = { apiMs: api, getItemMs: floor, httpHopMs: stats(timings.httpHop) };
  return [
    ratio('read overhead', 'p50', round2(api.p50 / floor.p50), 1.5, detail),
    ratio('read overhead', 'p99', round2(api.p99 / floor.p99), 3, detail),
  ];
}
