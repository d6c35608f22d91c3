/**
 * Bad input over every route of the route table: prototype keys, numbers JSON cannot carry exactly, deep
 * nesting, huge strings, wrong types, odd path and query parameters, odd If-Match headers, each sent by a
 * caller who could otherwise use the route. Every answer is a 4xx in the one error shape (never a 5xx), and a
 * refused request writes nothing: the whole table is compared before and after.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, paginateScan } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../functions/local/emulators.ts';
import { routes } from '../../functions/routes.ts';
import {
  FUNDING,
  fundingData,
  PLAN,
  planData,
  signIn,
  start,
  submitFunding,
  uniqueCaseId,
} from '../helpers/factories.ts';
import { type ApiClient, startTestPlatform, type TestPlatform } from '../helpers/platform.ts';

let platform: TestPlatform;
let doc: DynamoDBDocumentClient;
let users: Record<string, ApiClient>;
const ids: Record<string, string> = {};

beforeAll(async () => {
  // No reminder job on a timer: nothing may write between two snapshots but the requests themselves.
  platform = await startTestPlatform({ reminders: false });
  const raw = new DynamoDBClient({
    endpoint: platform.dynamoEndpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  doc = DynamoDBDocumentClient.from(raw);
  const [kommune, im1, koordination, pruefer, admin] = await signIn(
    platform,
    'kirchheim.kommune',
    'kirchheim.im1',
    'kirchheim.koordination',
    'rp.pruefer1',
    'admin',
  );
  users = { kommune, im1, koordination, pruefer, admin };
  ids.funding = (await submitFunding(kommune, await start(kommune, FUNDING, fundingData()))).id;
  ids.plan = (await start(im1, PLAN, planData({ caseId: uniqueCaseId() }))).id;
}, 120_000);
afterAll(async () => {
  doc?.destroy();
  await platform?.stop();
});

/**
 * What a write could change, for every item of the table, in a stable order: keys (new or removed items)
 * and the attributes every change moves (versions, counters, states).
 */
async function snapshot(): Promise<string> {
  // What earlier accepted requests reported is delivered first (the stream is read after the commit).
  await platform.deliverNotifications();
  const items: string[] = [];
  for await (const page of paginateScan(
    { client: doc },
    {
      TableName: platform.tableName,
      ProjectionExpression: 'pk, sk, #v, approved, inReview, #s, attachmentsVersion, updatedAt',
      ExpressionAttributeNames: { '#v': 'version', '#s': 'state' },
    },
  ))
    for (const i of page.Items ?? []) items.push(JSON.stringify(i, Object.keys(i).sort()));
  return items.sort().join('\n');
}

const deep = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
/** Raw JSON bodies (sent as text: some are not what JSON.stringify would write). */
const BODIES: Array<[string, string]> = [
  [
    'prototype keys',
    '{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}},"toString":1,"valueOf":[],"hasOwnProperty":"x","formId":"__proto__","data":{"__proto__":{"a":1},"constructor":1}}',
  ],
  [
    'prototype keys in data',
    '{"formId":"funding-application","data":{"applicant":{"constructor":"x","toString":{}},"positions":[{"__proto__":{"fte":1}}]},"action":"constructor","decision":{"__proto__":{}},"userId":"__proto__","purpose":"toString"}',
  ],
  [
    'an integer beyond 2^53',
    '{"formId":"funding-application","data":{"round":9007199254740993},"decision":{"approvedAmount":9007199254740993}}',
  ],
  [
    '1e400',
    '{"formId":1e400,"data":{"budget":{"requestedTotal":1e400}},"size":1e400,"approvedAmount":-1e400}',
  ],
  ['1e308', '{"formId":"integration-plan","data":{"goals":[{"x":1e308}]},"size":1e308}'],
  ['deep nesting (40)', deep(40)],
  ['deep nesting (20,000)', deep(20_000)],
  ['a huge string', JSON.stringify({ formId: 'x'.repeat(300_000) })],
  [
    'a long string in every field',
    JSON.stringify({ formId: 'y'.repeat(100_000), action: 'z'.repeat(50_000), comment: 'c'.repeat(50_000) }),
  ],
  ['an array', '[]'],
  ['a string', '"x"'],
  [
    'wrong types',
    '{"formId":[],"data":"x","action":{},"comment":5,"decision":[],"userId":7,"purpose":null,"withdrawnAt":1,"filename":{},"contentType":[],"size":"big","title":[],"schema":"s","workflow":5}',
  ],
  ['an empty object', '{}'],
  [
    'control characters',
    '{"formId":"funding-application","data":{"applicant":{"name":"a\\u0000\\u202e"}},"comment":"\\u0000","filename":"a\\u0000.pdf"}',
  ],
];
const PARAMS = [
  '__proto__',
  'constructor',
  'toString',
  'x'.repeat(2000),
  '0',
  '-1',
  '9007199254740993',
  '..%2F..',
];
const QUERIES = [
  'limit=1e400&status=constructor&cursor=__proto__',
  'limit=-1&formId=__proto__&cursor=eyJwayI6eyJfX3Byb3RvX18iOjF9fQ',
  'year=99999999999999999999&format=csv&org=__proto__',
  'round=toString&from=1e400&to=constructor&role=__proto__',
  'year=2017&org=constructor&format=__proto__',
];
const IF_MATCH = ['W/"99999999999999999999"', '__proto__'];

/** Path parameters of a route filled with a real id (to reach the handler's checks) or an odd value. */
function fill(path: string, value: (name: string) => string) {
  return path.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(value(name)));
}

interface Outcome {
  request: string;
  status: number;
  shape: boolean;
  wrote: boolean;
}

async function attempt(
  api: ApiClient,
  method: string,
  path: string,
  options: { raw?: string; headers?: Record<string, string> } = {},
  check = false,
): Promise<Outcome> {
  const before = check ? await snapshot() : '';
  const res = await api.request(method, path, {
    ...(options.raw !== undefined ? { raw: options.raw } : {}),
    headers: { 'content-type': 'application/json', ...options.headers },
  });
  const after = check ? await snapshot() : '';
  const shape =
    res.status < 400 ||
    (typeof res.body === 'object' &&
      typeof res.body?.error?.code === 'string' &&
      typeof res.body.error.message === 'string');
  return {
    request: `${method} ${path.slice(0, 120)} ${options.raw?.slice(0, 60) ?? ''}`,
    status: res.status,
    shape,
    wrote: res.status >= 400 && before !== after,
  };
}

type Attempt = (check: boolean) => Promise<Outcome>;

/**
 * Runs a batch with one table snapshot before and after it. If the table changed and some request was
 * accepted (a read that logs, a save of pruned data), the batch runs again with a snapshot around each
 * request, to tell which one wrote.
 */
async function runBatch(batch: Attempt[]): Promise<Outcome[]> {
  const before = await snapshot();
  const outcomes: Outcome[] = [];
  for (const run of batch) outcomes.push(await run(false));
  if ((await snapshot()) === before) return outcomes;
  if (outcomes.every((o) => o.status >= 400)) return outcomes.map((o) => ({ ...o, wrote: true }));
  const checked: Outcome[] = [];
  for (const run of batch) checked.push(await run(true));
  return checked;
}

const problems = (outcomes: Outcome[]) =>
  outcomes.filter(
    (o) => o.status >= 500 || !o.shape || o.wrote || (o.status >= 200 && o.status < 300 && o.wrote),
  );

describe('bad input on every route: 4xx, never 5xx, and nothing written', () => {
  for (const route of routes) {
    it(`${route.method} ${route.path}`, async () => {
      const batch: Attempt[] = [];
      const hasBody = route.method === 'POST' || route.method === 'PUT';
      const byId = route.path.includes('{id}');
      // Callers who could use the route: the owner side and the reviewer side of each kind (the admin for forms).
      const cases: Array<['funding' | 'plan', ApiClient[]]> = byId
        ? [
            ['funding', [users.kommune!, users.pruefer!]],
            ['plan', [users.im1!, users.koordination!]],
          ]
        : [
            [
              'funding',
              route.path.startsWith('/api/forms')
                ? [users.admin!, users.kommune!]
                : [users.kommune!, users.pruefer!, users.koordination!],
            ],
          ];
      for (const [kind, callers] of cases) {
        const path = fill(route.path, (name) =>
          name === 'id' ? ids[kind]! : name === 'formId' ? (kind === 'funding' ? FUNDING : PLAN) : '1',
        );
        for (const api of callers) {
          if (hasBody) {
            for (const [, raw] of BODIES)
              batch.push((check) =>
                attempt(api, route.method, path, { raw, headers: { 'if-match': '"1"' } }, check),
              );
            for (const tag of IF_MATCH)
              batch.push((check) =>
                attempt(api, route.method, path, { raw: '{}', headers: { 'if-match': tag } }, check),
              );
          } else {
            for (const query of QUERIES)
              batch.push((check) => attempt(api, route.method, `${path}?${query}`, {}, check));
          }
        }
      }
      for (const value of PARAMS) {
        if (!route.path.includes('{')) break;
        const path = fill(route.path, () => value);
        batch.push((check) =>
          attempt(users.kommune!, route.method, path, hasBody ? { raw: BODIES[0]![1] } : {}, check),
        );
      }
      expect(problems(await runBatch(batch))).toEqual([]);
    }, 120_000);
  }
});
