/**
 * Shared pieces of the benchmarks: timing and percentiles, comparing a subject with its floor in the same
 * run, the platform on its own ports, data directory and DynamoDB Local (loopback only), a small API client,
 * and headless Chromium.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type Browser, chromium } from 'playwright-core';
import { minimalPdf } from '../../functions/local/demo-pdf.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../functions/local/emulators.ts';
import { type Platform, startPlatform } from '../../functions/local/platform.ts';
import { CHROMIUM, CHROMIUM_FLAGS } from '../helpers/chromium.ts';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const WEB_DIST = join(ROOT, 'web', 'dist');

/** One line of the results table. Timings are ratios against a floor; sizes are absolute. */
export interface Figure {
  figure: string;
  /** What was measured, e.g. `p50` or the bundle name. */
  measure: string;
  value: number | null;
  /** `score`: a unitless score (the layout shift). */
  unit: '×' | 'kB' | 'count' | 'score';
  target: string;
  pass: boolean;
  /** The raw numbers behind the value (milliseconds, bytes, counts). */
  detail: Record<string, unknown>;
  /** Why a figure could not be measured or what limits it. */
  note?: string;
}

/** A ratio figure: `value ≤ max` passes. */
export const ratio = (
  figure: string,
  measure: string,
  value: number,
  max: number,
  detail: Record<string, unknown>,
): Figure => ({ figure, measure, value, unit: '×', target: `≤ ${max}×`, pass: value <= max, detail });

// ---------------------------------------------------------------------------------------------- timing

export const now = () => performance.now();

/** Milliseconds one call of `fn` takes. */
export async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = now();
  await fn();
  return now() - start;
}

/** The p-th percentile (0–100) by the nearest-rank method. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error('percentile of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export const median = (samples: readonly number[]) => percentile(samples, 50);

export interface Stats {
  n: number;
  p50: number;
  p99: number;
  mean: number;
}

export function stats(samples: readonly number[]): Stats {
  const round = (n: number) => Math.round(n * 1000) / 1000;
  return {
    n: samples.length,
    p50: round(percentile(samples, 50)),
    p99: round(percentile(samples, 99)),
    mean: round(samples.reduce((a, b) => a + b, 0) / samples.length),
  };
}

/**
 * Times each of `subjects` in turn, in small blocks, so that a neighbour's load on this shared machine falls
 * on all alike. Each gets `warmup` untimed calls first. Returns the milliseconds of every call, by name.
 */
export async function compare<K extends string>(
  subjects: Record<K, () => Promise<unknown>>,
  options: { n: number; warmup: number; block?: number },
): Promise<Record<K, number[]>> {
  const entries = Object.entries(subjects) as Array<[K, () => Promise<unknown>]>;
  for (let i = 0; i < options.warmup; i++) for (const [, fn] of entries) await fn();
  const block = options.block ?? 50;
  const result = Object.fromEntries(entries.map(([name]) => [name, [] as number[]])) as Record<K, number[]>;
  for (let done = 0; done < options.n; done += block) {
    const size = Math.min(block, options.n - done);
    for (const [name, fn] of entries) for (let i = 0; i < size; i++) result[name].push(await time(fn));
  }
  return result;
}

/** Runs `task` over `items` with at most `limit` at a time. */
export async function pool<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export const round2 = (n: number) => Math.round(n * 100) / 100;

// ---------------------------------------------------------------------------------------------- platform

/** Refuses anything that is not on loopback: the benchmarks write a lot and must never reach AWS. */
export function assertLoopback(endpoint: string): string {
  const host = new URL(endpoint).hostname;
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '[::1]')
    throw new Error(`Refusing to benchmark a non-local endpoint: ${endpoint}`);
  return endpoint;
}

export interface BenchPlatform extends Platform {
  /** A document client on the platform's DynamoDB Local, configured like the handlers' one. */
  dynamo: DynamoDBDocumentClient;
  /** Signs in a demo user (local sign-in) and returns an API client for them. */
  as(username: string): Promise<Api>;
}

/**
 * The whole local platform (web app included when built) with a fresh temporary data directory and its own
 * DynamoDB Local, on free loopback ports. `stop()` stops everything and removes the directory.
 */
export async function startBenchPlatform(): Promise<BenchPlatform> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pakt-bench-'));
  let platform: Platform;
  try {
    platform = await startPlatform({
      port: 0,
      dataDir,
      tableName: 'pakt-bench',
      ...(existsSync(join(WEB_DIST, 'index.html')) ? { webDir: WEB_DIST } : {}),
    });
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  assertLoopback(platform.url);
  assertLoopback(platform.dynamoEndpoint);
  assertLoopback(platform.s3Endpoint);
  const dynamo = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: platform.dynamoEndpoint,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
      maxAttempts: 3,
    }),
    { marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false } },
  );
  const tokens = new Map<string, string>();
  return {
    ...platform,
    dynamo,
    async as(username) {
      let token = tokens.get(username);
      if (!token) {
        const res = await fetch(`${platform.url}/local/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username }),
        });
        if (res.status !== 200) throw new Error(`sign-in of ${username}: ${res.status}`);
        token = ((await res.json()) as { token: string }).token;
        tokens.set(username, token);
      }
      return api(platform.url, token);
    },
    async stop() {
      dynamo.destroy();
      await platform.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------------------------------------- API client

export interface ApiResponse<T = any> {
  status: number;
  etag: string | null;
  body: T;
}

export interface Api {
  token: string;
  request<T = any>(method: string, path: string, body?: unknown, ifMatch?: number): Promise<ApiResponse<T>>;
}

/** A small JSON client (fetch keeps one connection alive between sequential calls). */
export function api(baseUrl: string, token: string): Api {
  return {
    token,
    async request(method, path, body, ifMatch) {
      const headers: Record<string, string> = { authorization: `Bearer ${token}` };
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (ifMatch !== undefined) headers['if-match'] = `"${ifMatch}"`;
      const res = await fetch(`${baseUrl}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      return { status: res.status, etag: res.headers.get('etag'), body: text ? JSON.parse(text) : undefined };
    },
  };
}

/** Asserts a 2xx answer and returns its body. */
export async function ok<T = any>(pending: Promise<ApiResponse<T>>): Promise<T> {
  const res = await pending;
  if (res.status < 200 || res.status > 299)
    throw new Error(`API answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

/**
 * Attaches a small PDF as the signed application, which a funding application needs before its submit
 * (ask, POST straight to storage, confirm). Not part of any measured step.
 */
export async function attachSignedApplication(owner: Api, submissionId: string): Promise<void> {
  const content = minimalPdf();
  const base = `/api/submissions/${submissionId}/attachments`;
  const asked = await ok(
    owner.request('POST', base, {
      filename: 'Antrag-unterschrieben.pdf',
      contentType: 'application/pdf',
      size: content.byteLength,
      kind: 'signed-application',
    }),
  );
  const form = new FormData();
  for (const [name, value] of Object.entries(asked.upload.fields as Record<string, string>))
    form.append(name, value);
  form.append('file', new Blob([new Uint8Array(content)]), 'upload.pdf');
  const uploaded = await fetch(asked.upload.url, { method: 'POST', body: form });
  if (!uploaded.ok) throw new Error(`upload answered ${uploaded.status}`);
  await ok(owner.request('POST', `${base}/${asked.attachmentId}/complete`));
}

// ---------------------------------------------------------------------------------------------- browser

export { CHROMIUM } from '../helpers/chromium.ts';

/** Headless Chromium (the system's, driven by playwright-core), or undefined when it is not installed. */
export async function launchBrowser(): Promise<Browser | undefined> {
  if (!existsSync(CHROMIUM)) return undefined;
  return chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_FLAGS,
  });
}

/** Whether the web app has been built (`npm run build:web`). */
export const webBuilt = () => existsSync(join(WEB_DIST, 'index.html'));

/** Form data from a form's samples. */
export async function sample(formId: string, name: string): Promise<Record<string, any>> {
  const { readFile } = await import('node:fs/promises');
  return JSON.parse(await readFile(join(ROOT, 'forms', formId, 'samples', `${name}.json`), 'utf8'));
}

// ---------------------------------------------------------------------------------------------- HTTP-hop floor

/**
 * The floor with the local HTTP hop: a bare `node:http` server on loopback whose only work per request is
 * `work` (the same `GetItem` or `TransactWriteItems` the platform's call does), answering its result as JSON.
 * In AWS, API Gateway replaces this hop; against it, the ratio is what the platform adds beyond the hop.
 */
export async function startHopFloor(
  work: () => Promise<unknown>,
): Promise<{ call: (body?: unknown) => Promise<unknown>; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      work().then(
        (result) => {
          const body = JSON.stringify(result ?? {});
          res.writeHead(200, {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          });
          res.end(body);
        },
        (error: unknown) => {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(String(error));
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = assertLoopback(`http://127.0.0.1:${port}/`);
  return {
    async call(body?: unknown) {
      const res = await fetch(url, {
        method: body === undefined ? 'GET' : 'POST',
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      if (res.status !== 200) throw new Error(`hop floor: ${res.status} ${text}`);
      return JSON.parse(text);
    },
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
