/**
 * Small factories for the HTTP integration tests: complete form data from the forms' own samples, form
 * definitions to publish, and a few steps through the API (start, save, act) that every suite repeats.
 * Each factory takes overrides, so a test states only what matters to it.
 */
import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import fundingSample from '../../forms/funding-application/samples/valid-minimal.json' with { type: 'json' };
import planSample from '../../forms/integration-plan/samples/valid-minimal.json' with { type: 'json' };
import { minimalPdf } from './files.ts';
import type { ApiClient, ApiResponse, TestPlatform } from './platform.ts';
import { attachFile } from './uploads.ts';

type Json = Record<string, any>;

export const FUNDING = 'funding-application';
export const PLAN = 'integration-plan';

/** Signs in several demo users at once; the clients come back in the order of the names. */
export async function signIn<const N extends readonly string[]>(
  platform: TestPlatform,
  ...names: N
): Promise<{ [K in keyof N]: ApiClient }> {
  return (await Promise.all(names.map((name) => platform.as(name)))) as { [K in keyof N]: ApiClient };
}

/** Demo users' subjects are `u-<username>`. */
export const subOf = (username: string) => `u-${username}`;

/**
 * Complete funding-application data (the form's minimal valid sample) for a small position: 0.25 full-time
 * equivalents for 6 months. Small on purpose: approvals debit the municipality's planning frame, which the
 * demo data already uses in part, and a suite approves several applications of the same municipality.
 */
export function fundingData(overrides: { applicantName?: string } & Json = {}): Json {
  const { applicantName, ...rest } = overrides;
  const data = structuredClone(fundingSample) as Json;
  if (applicantName !== undefined) data.applicant.name = applicantName;
  data.positions = data.positions.map((p: Json) => ({ ...p, fte: 0.25, months: 6 }));
  return { ...data, ...rest };
}

/** Complete integration-plan data (the form's minimal valid sample), with its own pseudonymous case id. */
export function planData(overrides: { caseId?: string } & Json = {}): Json {
  const { caseId, ...rest } = overrides;
  const data = structuredClone(planSample) as Json;
  if (caseId !== undefined) data.header.caseId = caseId;
  return { ...data, ...rest };
}

let counter = 0;
/** A unique, schema-conform case id (`T-<n>-<random>`). */
export const uniqueCaseId = () => `T-${++counter}-${Math.random().toString(36).slice(2, 8)}`;

/** The `If-Match` header for a submission version. */
export const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

/** Canonical JSON (keys sorted, no white space), written independently of the server's own. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((value as Json)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
export const sha256Hex = (value: unknown) => createHash('sha256').update(canonical(value)).digest('hex');

/** Asserts the one error shape: exactly `{error: {code, message, details?}}` with the given status and code. */
export function expectError(res: ApiResponse, status: number, code: string): void {
  expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status, code });
  expect(Object.keys(res.body)).toEqual(['error']);
  expect(typeof res.body.error.message).toBe('string');
  expect(res.body.error.message.length).toBeGreaterThan(0);
  for (const key of Object.keys(res.body.error)) expect(['code', 'message', 'details']).toContain(key);
  if (res.body.error.details !== undefined) {
    expect(Array.isArray(res.body.error.details)).toBe(true);
    for (const d of res.body.error.details) expect(typeof d.pointer).toBe('string');
  }
}

/** The JSON pointers of an error's details, sorted. */
export const pointersOf = (res: ApiResponse): string[] =>
  ((res.body?.error?.details ?? []) as Array<{ pointer: string }>).map((d) => d.pointer).sort();

/** Starts a submission and asserts it was created. */
export async function start(api: ApiClient, formId: string, data: Json = {}): Promise<Json> {
  const res = await api.post('/api/submissions', { formId, data });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** Saves data on a submission at the version given; asserts success. */
export async function save(api: ApiClient, sub: Json, data: Json): Promise<Json> {
  const res = await api.put(`/api/submissions/${sub.id}`, { data }, ifMatch(sub.version));
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** Takes a workflow action at the version given; returns the raw response. */
export const act = (api: ApiClient, sub: Json, action: string, comment?: string) =>
  api.post(
    `/api/submissions/${sub.id}/transitions`,
    comment === undefined ? { action } : { action, comment },
    ifMatch(sub.version),
  );

/** Takes a workflow action and asserts it succeeded. */
export async function actOk(api: ApiClient, sub: Json, action: string, comment?: string): Promise<Json> {
  const res = await act(api, sub, action, comment);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/**
 * Attaches a small valid PDF as the signed application ("unterschriebener Antrag"), which the funding form
 * requires before a submit; answers the confirmed attachment. Attachments do not change the version.
 */
export const attachSignedApplication = (api: ApiClient, sub: Json, filename = 'Antrag-unterschrieben.pdf') =>
  attachFile(api, sub, minimalPdf(`Antrag ${sub.id}`), { filename, kind: 'signed-application' });

/**
 * Submits a funding application as its applicant does: the signed application attached first, then the
 * submit at the version given. Asserts success and answers the submission in review.
 */
export async function submitFunding(api: ApiClient, sub: Json): Promise<Json> {
  await attachSignedApplication(api, sub);
  return actOk(api, sub, 'submit');
}

/** A joint application's member confirms its share as the application shows it now; asserts success. */
export async function confirmShare(member: ApiClient, sub: Json, share: number): Promise<Json> {
  const res = await member.post(
    `/api/submissions/${sub.id}/member-confirmation`,
    { share },
    ifMatch(sub.version),
  );
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** Fetches a submission as the caller sees it; asserts it is visible. */
export async function fetchOk(api: ApiClient, id: string): Promise<Json> {
  const res = await api.get(`/api/submissions/${id}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** An integration plan started by a manager (draft, assigned to them). */
export const draftPlan = (api: ApiClient, caseId = uniqueCaseId()) => start(api, PLAN, planData({ caseId }));

/** A generic form definition (every draft 2020-12 feature the renderer supports), ready to publish. */
export function genericFormDefinition(overrides: Json = {}): Json {
  return {
    title: { de: 'Veranstaltungsmeldung', en: 'Event report' },
    schema: {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      required: ['event', 'organiser', 'sessions'],
      $defs: {
        date: { type: 'string', format: 'date' },
        session: {
          type: 'object',
          required: ['date', 'participants'],
          properties: {
            date: { $ref: '#/$defs/date' },
            participants: { type: 'integer', minimum: 0 },
          },
        },
      },
      properties: {
        event: {
          type: 'object',
          required: ['title', 'kind'],
          properties: {
            title: { type: 'string', minLength: 1, maxLength: 200 },
            kind: { type: 'string', enum: ['course', 'meeting'] },
            courseLevel: { type: 'string', enum: ['A1', 'A2', 'B1'] },
          },
          if: { properties: { kind: { const: 'course' } }, required: ['kind'] },
          then: { required: ['courseLevel'] },
        },
        organiser: {
          type: 'object',
          oneOf: [
            {
              title: 'E-Mail',
              required: ['email'],
              properties: { email: { type: 'string', format: 'email' } },
            },
            {
              title: 'Telefon',
              required: ['phone'],
              properties: { phone: { type: 'string', pattern: '^[0-9 +/-]{5,}$' } },
            },
          ],
        },
        sessions: { type: 'array', minItems: 1, items: { $ref: '#/$defs/session' } },
        website: { type: 'string', format: 'uri' },
      },
    },
    uiSchema: { 'ui:order': ['event', 'organiser', 'sessions', 'website'] },
    workflow: {
      kind: 'generic',
      start: ['municipality'],
      submit: ['municipality'],
      review: ['reviewer'],
      amend: false,
      amendNeedsReview: true,
      indexed: { eventTitle: '/event/title' },
    },
    ...overrides,
  };
}

/** Complete data for {@link genericFormDefinition}. */
export const genericData = (): Json => ({
  event: { title: 'Sprachcafé', kind: 'course', courseLevel: 'A2' },
  organiser: { email: 'cafe@kirchheim.example' },
  sessions: [{ date: '2018-03-01', participants: 12 }],
  website: 'https://kirchheim.example/sprachcafe',
});
