import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { type Platform, type PlatformOptions, startPlatform } from '../../functions/local/platform.ts';
import { assertLoopback } from './local-only.ts';
import { contractViolations } from './response-contract.ts';

export interface TestPlatform extends Platform {
  dataDir: string;
  /** Signs in a demo user and returns an API client for them. */
  as(username: string): Promise<ApiClient>;
}

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export interface ApiClient {
  token: string;
  request<T = any>(
    method: string,
    path: string,
    options?: { body?: unknown; headers?: Record<string, string>; raw?: string },
  ): Promise<ApiResponse<T>>;
  get<T = any>(path: string): Promise<ApiResponse<T>>;
  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse<T>>;
  put<T = any>(path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse<T>>;
}

export function client(baseUrl: string, token: string): ApiClient {
  const request = async (
    method: string,
    path: string,
    options: { body?: unknown; headers?: Record<string, string>; raw?: string } = {},
  ) => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, ...options.headers };
    let body: string | undefined = options.raw;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body } : {}),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    // Every answer keeps the declared contract, or the test that received it fails.
    const violations = contractViolations(method, path, {
      status: res.status,
      contentType: res.headers.get('content-type'),
      body: parsed,
    });
    if (violations.length) throw new Error(`API contract: ${violations.join('; ')}`);
    return { status: res.status, headers: res.headers, body: parsed as any };
  };
  return {
    token,
    request,
    get: (path) => request('GET', path),
    post: (path, body, headers) => request('POST', path, { body, ...(headers ? { headers } : {}) }),
    put: (path, body, headers) => request('PUT', path, { body, ...(headers ? { headers } : {}) }),
  };
}

/**
 * Starts the local platform for one test file: random port, temporary data directory, its own table on the
 * run's shared DynamoDB Local. Stop it in afterAll.
 */
export async function startTestPlatform(options: Partial<PlatformOptions> = {}): Promise<TestPlatform> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pakt-test-'));
  const platform = await startPlatform({
    port: 0,
    dataDir,
    dynamoEndpoint: assertLoopback(inject('dynamoEndpoint')),
    tableName: `t-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
    // The demo grants after their decisions take seconds to seed; the fast tier's service tests read them.
    demoGrants: false,
    ...options,
  });
  assertLoopback(platform.url);
  const tokens = new Map<string, string>();
  return {
    ...platform,
    dataDir,
    stop: async () => {
      await platform.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
    async as(username: string) {
      let token = tokens.get(username);
      if (!token) {
        const res = await fetch(`${platform.url}/local/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username }),
        });
        if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
        token = ((await res.json()) as { token: string }).token;
        tokens.set(username, token);
      }
      return client(platform.url, token);
    },
  };
}
