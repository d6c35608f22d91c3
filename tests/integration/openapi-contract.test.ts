/**
 * Walks the OpenAPI document the started platform serves and sends, per operation, one request of the
 * declared shape and several that break it (a required field missing, a wrong type, a string too long,
 * a number out of range, an unknown field in the envelope or the query). The well-formed one must answer
 * a declared status (success or a declared error), each broken one 400 `request.invalid` before any
 * service runs; none may answer 5xx. Every answer also passes the client's response contract check.
 */
import Ajv2020 from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startTestPlatform, type TestPlatform } from '../helpers/platform.ts';

type Schema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  anyOf?: Schema[];
  additionalProperties?: boolean | Schema;
};
type Parameter = { name: string; in: 'path' | 'query' | 'header'; required: boolean; schema: Schema };
type Operation = {
  operationId: string;
  'x-roles': string[];
  security: unknown[];
  parameters: Parameter[];
  requestBody?: { content: { 'application/json'?: { schema: Schema } } };
  responses: Record<string, unknown>;
};

const USER_OF_ROLE: Record<string, string> = {
  municipality: 'kirchheim.kommune',
  manager: 'kirchheim.im1',
  coordinator: 'kirchheim.koordination',
  reviewer: 'rp.pruefer1',
  admin: 'admin',
};

const ajv = new Ajv2020({ strict: false });
const CANDIDATES = ['x1', 'funding-application', '2026-01-01', '1', 'storage', 'Titel', 'x1@example.org'];

/** A small value the schema accepts. */
function sample(schema: Schema): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  if (schema.anyOf) return sample(schema.anyOf[0]!);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === 'object') {
    const value: Record<string, unknown> = {};
    for (const name of schema.required ?? []) value[name] = sample(schema.properties?.[name] ?? {});
    return value;
  }
  if (type === 'array') return [];
  if (type === 'integer' || type === 'number') return Math.max(schema.minimum ?? 1, 1);
  if (type === 'boolean') return true;
  if (type === 'string') {
    const validate = ajv.compile(schema);
    const found = CANDIDATES.find((c) => validate(c));
    if (found === undefined) throw new Error(`no sample for ${JSON.stringify(schema)}`);
    return found;
  }
  return {};
}

interface Request {
  label: string;
  path: Record<string, string>;
  query: Record<string, string>;
  body?: unknown;
}

/** The well-formed request of an operation, and the broken ones. */
function requests(op: Operation): { valid: Request; invalid: Request[] } {
  const params = op.parameters.filter((p) => p.in === 'path' || p.in === 'query');
  const path: Record<string, string> = {};
  const query: Record<string, string> = {};
  for (const p of params) if (p.required) (p.in === 'path' ? path : query)[p.name] = String(sample(p.schema));
  // A CSV upload's body is text; only JSON bodies are varied here.
  const bodySchema = op.requestBody?.content['application/json']?.schema;
  const body = bodySchema ? sample(bodySchema) : undefined;
  const valid: Request = { label: 'valid', path, query, ...(bodySchema ? { body } : {}) };
  const invalid: Request[] = [];
  const variant = (label: string, change: Partial<Request>) => invalid.push({ ...valid, ...change, label });

  for (const p of params) {
    const into = (value: string) =>
      p.in === 'path' ? { path: { ...path, [p.name]: value } } : { query: { ...query, [p.name]: value } };
    if (p.in === 'query' && p.required) {
      const { [p.name]: _gone, ...rest } = query;
      variant(`query ${p.name} missing`, { query: rest });
    }
    if (p.schema.maxLength !== undefined)
      variant(`${p.in} ${p.name} too long`, into('a'.repeat(p.schema.maxLength + 1)));
    if (p.schema.type === 'integer') {
      variant(`${p.in} ${p.name} not a number`, into('ten'));
      if (p.schema.maximum !== undefined)
        variant(`${p.in} ${p.name} out of range`, into(String(p.schema.maximum + 1)));
    }
    if (p.schema.enum) variant(`${p.in} ${p.name} not one of the values`, into('zz-not-a-value'));
  }
  variant('unknown query parameter', { query: { ...query, zzUnknown: '1' } });

  if (bodySchema) {
    variant('body missing', { body: undefined });
    variant('unknown envelope field', { body: { ...(body as object), zzUnknown: 1 } });
    variant('body of the wrong type', { body: [] });
    for (const [name, property] of Object.entries(bodySchema.properties ?? {})) {
      const set = (value: unknown) => ({ body: { ...(body as object), [name]: value } });
      if ((bodySchema.required ?? []).includes(name)) {
        const { [name]: _gone, ...rest } = body as Record<string, unknown>;
        variant(`body ${name} missing`, { body: rest });
      }
      const type = Array.isArray(property.type) ? property.type[0] : property.type;
      variant(
        `body ${name} of the wrong type`,
        set(type === 'string' ? 12 : type === undefined ? false : 'twelve'),
      );
      if (property.maxLength !== undefined)
        variant(`body ${name} too long`, set('a'.repeat(property.maxLength + 1)));
      if (property.maximum !== undefined) variant(`body ${name} out of range`, set(property.maximum + 1));
      if (property.maxItems !== undefined)
        variant(`body ${name} too many`, set(Array.from({ length: property.maxItems + 1 }, () => 'x')));
    }
  }
  return { valid, invalid };
}

const url = (template: string, r: Request) => {
  const path = template.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(r.path[name] ?? ''));
  const query = new URLSearchParams(r.query).toString();
  return query ? `${path}?${query}` : path;
};

let platform: TestPlatform;
let document: { paths: Record<string, Record<string, Operation>> };
const clients = new Map<string, ApiClient>();

beforeAll(async () => {
  platform = await startTestPlatform();
  const res = await fetch(`${platform.url}/api/openapi.json`);
  expect(res.status).toBe(200);
  document = (await res.json()) as typeof document;
  for (const [role, user] of Object.entries(USER_OF_ROLE)) clients.set(role, await platform.as(user));
});
afterAll(() => platform?.stop());

describe('the OpenAPI document of the running platform', () => {
  it('is served without sign-in and lists the published forms', () => {
    expect(document).toMatchObject({ openapi: '3.1.0' });
    expect(
      Object.keys((document as unknown as { components: { schemas: object } }).components.schemas),
    ).toEqual(
      expect.arrayContaining(['Error', 'FormData_funding_application_v1', 'FormData_integration_plan_v2']),
    );
  });

  it('every operation answers declared statuses to a well-formed request and 400 to broken ones, never 5xx', async () => {
    let sent = 0;
    for (const [template, operations] of Object.entries(document.paths)) {
      for (const [method, op] of Object.entries(operations)) {
        const role = op['x-roles'][0];
        const client = role ? clients.get(role)! : undefined;
        const send = async (r: Request) => {
          sent++;
          const target = url(template, r);
          if (client) {
            return client.request(method.toUpperCase(), target, r.body === undefined ? {} : { body: r.body });
          }
          const res = await fetch(`${platform.url}${target}`, { method: method.toUpperCase() });
          return { status: res.status, body: await res.json() };
        };
        const { valid, invalid } = requests(op);
        const ok = await send(valid);
        const declared = Object.keys(op.responses).map(Number);
        expect(
          declared,
          `${method} ${template} valid → ${ok.status} ${JSON.stringify(ok.body?.error)}`,
        ).toContain(ok.status);
        for (const r of invalid) {
          const res = await send(r);
          expect(
            { status: res.status, code: res.body?.error?.code },
            `${method} ${template}: ${r.label} → ${JSON.stringify(res.body?.error)}`,
          ).toEqual({ status: 400, code: 'request.invalid' });
        }
      }
    }
    expect(sent).toBeGreaterThan(150);
  });
});
