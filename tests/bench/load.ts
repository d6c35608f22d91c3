/**
 * Load: autocannon, 10 connections for 30 s, 80 % reads and 20 % writes (saves, and the transitions of the
 * review loop: submit by the municipality, return by the state reviewer, save again, ...). Each connection
 * works on its own funding application, so its `If-Match` is always current; a 412 would mean a lost update
 * somewhere, and is counted on its own.
 *
 * autocannon runs in a child process, so that the load generator does not share the event loop of the
 * server it measures (the platform runs in the bench process).
 */
import { fork } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { attachSignedApplication, type BenchPlatform, type Figure, ok, ROOT, sample } from './lib.ts';

const CONNECTIONS = 10;
const SECONDS = 30;
const READ_SHARE = 0.8;

interface LoadConfig {
  url: string;
  ownerToken: string;
  reviewerToken: string;
  /** One funding application per connection (a complete draft). */
  submissions: string[];
  data: Record<string, unknown>;
}

interface LoadResult {
  requests: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  requestsPerSecond: number;
  writes: Record<string, number>;
}

/** The child: runs autocannon and sends the result to the parent. */
async function runLoad(config: LoadConfig): Promise<LoadResult> {
  const writes: Record<string, number> = { save: 0, submit: 0, return: 0 };
  let next = 0;
  const json = (token: string, version?: number) => ({
    authorization: `Bearer ${token}`,
    'content-type': 'application/json',
    ...(version === undefined ? {} : { 'if-match': `"${version}"` }),
  });
  const result = await autocannon({
    url: config.url,
    connections: CONNECTIONS,
    duration: SECONDS,
    setupClient(client) {
      const id = config.submissions[next++ % config.submissions.length]!;
      const path = `/api/submissions/${id}`;
      const state = { version: 1, status: 'draft' };
      client.setRequests([
        {
          setupRequest: (request) => {
            if (Math.random() < READ_SHARE)
              return { ...request, method: 'GET', path, headers: json(config.ownerToken), body: undefined };
            if (state.status === 'review') {
              writes.return!++;
              return {
                ...request,
                method: 'POST',
                path: `${path}/transitions`,
                headers: json(config.reviewerToken, state.version),
                body: JSON.stringify({ action: 'return', comment: 'Bitte ergänzen.' }),
              };
            }
            const submit = Math.random() < 0.3;
            writes[submit ? 'submit' : 'save']!++;
            return submit
              ? {
                  ...request,
                  method: 'POST',
                  path: `${path}/transitions`,
                  headers: json(config.ownerToken, state.version),
                  body: JSON.stringify({ action: 'submit' }),
                }
              : {
                  ...request,
                  method: 'PUT',
                  path,
                  headers: json(config.ownerToken, state.version),
                  body: JSON.stringify({ data: config.data }),
                };
          },
          onResponse: (status, body) => {
            if (status !== 200) return;
            const sub = JSON.parse(body) as { version: number; status: string };
            state.version = sub.version;
            state.status = sub.status;
          },
        },
      ]);
    },
  });
  return {
    requests: result.requests.total,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes: Object.fromEntries(
      Object.entries(result.statusCodeStats).map(([k, v]) => [k, Number(v.count)]),
    ),
    latencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    requestsPerSecond: result.requests.average,
    writes,
  };
}

/** Starts the child with this file and waits for its result. */
function inChild(config: LoadConfig): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), [], {
      cwd: ROOT,
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, BENCH_LOAD_CONFIG: JSON.stringify(config) },
    });
    let result: LoadResult | undefined;
    child.once('message', (message) => {
      result = message as LoadResult;
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      result ? resolve(result) : reject(new Error(`the load client exited with ${code}`)),
    );
  });
}

export async function measureLoad(platform: BenchPlatform): Promise<Figure[]> {
  const owner = await platform.as('kirchheim.kommune');
  const reviewer = await platform.as('rp.pruefer1');
  const data = await sample('funding-application', 'valid-minimal');
  const submissions: string[] = [];
  for (let i = 0; i < CONNECTIONS; i++) {
    const sub = await ok(owner.request('POST', '/api/submissions', { formId: 'funding-application', data }));
    await attachSignedApplication(owner, sub.id);
    submissions.push(sub.id);
  }
  const result = await inChild({
    url: platform.url,
    ownerToken: owner.token,
    reviewerToken: reviewer.token,
    submissions,
    data,
  });
  // autocannon abandons its last requests when the time is up; let the server finish them before anything
  // stops, or their handlers would find DynamoDB Local gone.
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const count = (test: (status: number) => boolean) =>
    Object.entries(result.statusCodes)
      .filter(([status]) => test(Number(status)))
      .reduce((sum, [, n]) => sum + n, 0);
  const fiveXx = count((s) => s >= 500);
  const preconditionFailed = count((s) => s === 412);
  const otherClientErrors = count((s) => s >= 400 && s < 500 && s !== 412);
  const spread = Math.round((result.latencyMs.p99 / result.latencyMs.p50) * 100) / 100;
  const detail = {
    ...result,
    fiveXx,
    preconditionFailed,
    otherClientErrors,
    connections: CONNECTIONS,
    seconds: SECONDS,
  };
  return [
    {
      figure: 'load',
      measure: 'errors + 5xx',
      value: result.errors + fiveXx,
      unit: 'count',
      target: '0',
      pass: result.errors + fiveXx === 0 && otherClientErrors === 0,
      detail,
      ...(otherClientErrors ? { note: `${otherClientErrors} unexpected 4xx answers (see statusCodes)` } : {}),
    },
    {
      figure: 'load',
      measure: 'p99 / p50',
      value: spread,
      unit: '×',
      target: '≤ 10×',
      pass: spread <= 10,
      detail: { latencyMs: result.latencyMs, requestsPerSecond: result.requestsPerSecond },
    },
  ];
}

if (
  process.env.BENCH_LOAD_CONFIG &&
  process.argv[1] &&
  import.meta.url === pathToFileURL(process.argv[1]).href
) {
  const result = await runLoad(JSON.parse(process.env.BENCH_LOAD_CONFIG) as LoadConfig);
  process.send?.(result, () => process.exit(0));
}
