/**
 * No personal data in logs: a full plan flow with a unique canary value in every free-text field (and in a
 * file name, a comment, a withdrawal), run with logging on, and none of the canaries may appear in anything
 * the platform wrote to stdout, stderr or the console. The handlers run in this process, so everything they
 * log passes through the spies below.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import planSchema from '../../forms/integration-plan/schema.v2.json' with { type: 'json' };
import {
  act,
  actOk,
  expectError,
  fetchOk,
  ifMatch,
  PLAN,
  save,
  signIn,
  start,
} from '../helpers/factories.ts';
import { minimalPdf } from '../helpers/files.ts';
import { type ApiClient, startTestPlatform, type TestPlatform } from '../helpers/platform.ts';
import { attachFile } from '../helpers/uploads.ts';

type Json = Record<string, any>;

const captured: string[] = [];
const canaries: string[] = [];
const tag = Math.random().toString(36).slice(2, 8);
/** A new canary: letters and digits only, so it survives any escaping unchanged. */
const canary = () => {
  const value = `Kanarie${canaries.length}x${tag}`;
  canaries.push(value);
  return value;
};

/**
 * Walks the plan's schema and fills every field: a canary in every free-text string (and in the case id,
 * which fits its pattern), dates, the first enum value, minimum numbers, one item per array (two for goals).
 * Server-assigned ids and withdrawal dates are left out.
 */
function fill(schema: Json, name = ''): unknown {
  let node = schema;
  if (typeof node.$ref === 'string') {
    const { $ref, ...siblings } = node;
    node = { ...(planSchema as Json).$defs[$ref.split('/').pop()!], ...siblings };
  }
  if (node.enum) return node.enum[0];
  switch (node.type) {
    case 'object': {
      const out: Json = {};
      for (const [key, child] of Object.entries(node.properties ?? {})) {
        if ((child as Json).readOnly || key === 'withdrawnAt') continue;
        out[key] = fill(child as Json, key);
      }
      return out;
    }
    case 'array':
      return (name === 'goals' ? [0, 1] : [0]).map(() => fill(node.items, name));
    case 'string':
      return node.format === 'date' ? '2026-02-01' : canary();
    case 'integer':
    case 'number':
      return node.minimum ?? 1;
    case 'boolean':
      return true;
    default:
      return canary();
  }
}

let platform: TestPlatform;
let im1: ApiClient;
let coord: ApiClient;

beforeAll(async () => {
  const record = (chunk: unknown) => {
    captured.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
  };
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    vi.spyOn(stream, 'write').mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
      record(chunk);
      return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write);
  }
  for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
    const original = console[method].bind(console);
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      record(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
      original(...args);
    });
  }
  platform = await startTestPlatform({ log: true });
  [im1, coord] = await signIn(platform, 'kirchheim.im1', 'kirchheim.koordination');
});
afterAll(async () => {
  await platform?.stop();
  vi.restoreAllMocks();
});

describe('logs', () => {
  it('hold no value of a plan, of its files or of its history, through a full flow', async () => {
    const data = fill(planSchema as Json) as Json;
    // The case id must fit its pattern; the canary does.
    expect(data.header.caseId).toMatch(/^Kanarie/);
    expect(data.goals).toHaveLength(2);
    expect(canaries.length).toBeGreaterThan(30);

    const created = await start(im1, PLAN, data);
    const attachment = await attachFile(im1, created, minimalPdf('Anlage'), { filename: `${canary()}.pdf` });
    let plan = await save(im1, created, {
      ...created.data,
      person: { ...created.data.person, name: canary() },
    });
    // Refused requests echo nothing into the logs either.
    const invalid = await im1.put(
      `/api/submissions/${plan.id}`,
      { data: { ...plan.data, person: { ...plan.data.person, yearOfBirth: canary() } } },
      ifMatch(plan.version),
    );
    expectError(invalid, 400, 'submission.invalid_data');
    const malformed = await im1.request('PUT', `/api/submissions/${plan.id}`, {
      raw: `{"data": {"person": "${canary()}"`,
      headers: { 'content-type': 'application/json', ...ifMatch(plan.version) },
    });
    expect(malformed.status).toBe(400);

    plan = await actOk(im1, plan, 'submit');
    plan = await actOk(coord, plan, 'return', canary());
    plan = await actOk(im1, await save(im1, plan, plan.data), 'submit');
    plan = await actOk(coord, plan, 'approve');
    plan = await actOk(im1, plan, 'amend');
    plan = await save(im1, plan, { ...plan.data, reviews: [{ date: '2026-03-01', summary: canary() }] });
    plan = await actOk(im1, plan, 'submit');
    expect(plan.status).toBe('approved');
    expectError(await act(im1, plan, 'approve'), 403, 'submission.forbidden');

    for (const path of [
      '',
      '/history',
      '/revisions/1',
      '/diff?from=1&to=2',
      '/attachments',
      '/access-log',
      '/export',
    ]) {
      const res = await coord.get(`/api/submissions/${plan.id}${path}`);
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
    }
    expect((await im1.get(`/api/submissions/${plan.id}/attachments/${attachment.attachmentId}`)).status).toBe(
      200,
    );
    const sharingId = plan.data.consent.sharing[0].id;
    expect(
      (await im1.post(`/api/submissions/${plan.id}/consent`, { purpose: 'sharing', sharingId })).status,
    ).toBe(200);
    expect((await im1.post(`/api/submissions/${plan.id}/consent`, { purpose: 'health' })).status).toBe(200);
    expect((await fetchOk(coord, plan.id)).data.person.name).toMatch(/^Kanarie/);

    const output = captured.join('\n');
    // Something was logged, so this test can fail: the handlers' structured request logs.
    expect(output.split('request done').length - 1).toBeGreaterThan(20);
    const leaked = canaries.filter((c) => output.includes(c));
    expect(leaked).toEqual([]);
  });
});
