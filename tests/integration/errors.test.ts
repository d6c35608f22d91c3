/**
 * Bad input over HTTP: the one error shape `{"error": {"code", "message", "details"?}}`, the body size
 * limit (413), malformed JSON (400), non-JSON bodies (415), and a table of nasty requests of which none
 * may make the server answer 500.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectError,
  FUNDING,
  fundingData,
  genericFormDefinition,
  ifMatch,
  PLAN,
  planData,
  signIn,
  start,
  submitFunding,
  uniqueCaseId,
} from '../helpers/factories.ts';
import {
  type ApiClient,
  type ApiResponse,
  startTestPlatform,
  type TestPlatform,
} from '../helpers/platform.ts';

const MAX_BODY = 256 * 1024;

let platform: TestPlatform;
let kommune: ApiClient;
let reviewer: ApiClient;
let coordinator: ApiClient;
let admin: ApiClient;
let draft: Record<string, any>;
let inReview: Record<string, any>;
let plan: Record<string, any>;

beforeAll(async () => {
  platform = await startTestPlatform();
  [kommune, reviewer, coordinator, admin] = await signIn(
    platform,
    'kirchheim.kommune',
    'rp.pruefer1',
    'kirchheim.koordination',
    'admin',
  );
  draft = await start(kommune, FUNDING, fundingData());
  inReview = await submitFunding(kommune, await start(kommune, FUNDING, fundingData()));
  plan = await start(await platform.as('kirchheim.im1'), PLAN, planData({ caseId: uniqueCaseId() }));
});
afterAll(async () => platform?.stop());

const json = { 'content-type': 'application/json' };

/** A JSON body of exactly `bytes` bytes: a funding application whose remarks pad it out (positions wrongly typed). */
function bodyOfSize(bytes: number): string {
  const head = `{"formId":"${FUNDING}","data":{"remarks":"`;
  const tail = '","positions":"two"}}';
  return head + 'x'.repeat(bytes - head.length - tail.length) + tail;
}

describe('body size', () => {
  it('accepts a body of exactly 256 KiB (refused for its content, not its size)', async () => {
    const body = bodyOfSize(MAX_BODY);
    expect(Buffer.byteLength(body)).toBe(MAX_BODY);
    const res = await kommune.request('POST', '/api/submissions', { raw: body, headers: json });
    expectError(res, 400, 'submission.invalid_data');
  });

  it('refuses a body one byte over 256 KiB with 413 on every writing route', async () => {
    const body = bodyOfSize(MAX_BODY + 1);
    const routes: Array<[string, string, Record<string, string>]> = [
      ['POST', '/api/submissions', {}],
      ['PUT', `/api/submissions/${draft.id}`, ifMatch(draft.version)],
      ['POST', `/api/submissions/${draft.id}/transitions`, ifMatch(draft.version)],
      ['POST', `/api/submissions/${plan.id}/assignee`, {}],
    ];
    for (const [method, path, headers] of routes) {
      expectError(
        await kommune.request(method, path, { raw: body, headers: { ...json, ...headers } }),
        413,
        'request.too_large',
      );
    }
    expectError(
      await admin.request('POST', '/api/forms/big-form/versions', { raw: body, headers: json }),
      413,
      'request.too_large',
    );
    expect((await kommune.get(`/api/submissions/${draft.id}`)).body.version).toBe(draft.version);
  });

  it('refuses a multi-megabyte body with 413', async () => {
    const res = await kommune.request('POST', '/api/submissions', {
      raw: bodyOfSize(3 * 1024 * 1024),
      headers: json,
    });
    expectError(res, 413, 'request.too_large');
  });
});

describe('content type and JSON', () => {
  it('refuses a non-JSON content type with 415', async () => {
    const body = JSON.stringify({ formId: FUNDING });
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'application/octet-stream',
      'multipart/form-data',
    ]) {
      const res = await kommune.request('POST', '/api/submissions', {
        raw: body,
        headers: { 'content-type': type },
      });
      expectError(res, 415, 'request.unsupported_media_type');
    }
    expectError(
      await kommune.request('POST', '/api/submissions', { raw: body }),
      415,
      'request.unsupported_media_type',
    );
  });

  it('accepts application/json with a charset', async () => {
    const res = await kommune.request('POST', '/api/submissions', {
      raw: JSON.stringify({ formId: FUNDING }),
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
    expect(res.status).toBe(201);
  });

  it('refuses malformed JSON with 400 request.malformed_json on every writing route', async () => {
    for (const raw of ['{"formId":', "{'formId': 1}", '{"a":1}}', 'undefined', '\u0000']) {
      for (const [method, path, headers] of [
        ['POST', '/api/submissions', {}],
        ['PUT', `/api/submissions/${draft.id}`, ifMatch(draft.version)],
        ['POST', `/api/submissions/${draft.id}/transitions`, ifMatch(draft.version)],
      ] as const) {
        expectError(
          await kommune.request(method, path, { raw, headers: { ...json, ...headers } }),
          400,
          'request.malformed_json',
        );
      }
    }
    expectError(
      await admin.request('POST', '/api/forms/x-form/versions', { raw: '{', headers: json }),
      400,
      'request.malformed_json',
    );
  });
});

describe('nasty input never makes the server answer 500', () => {
  type Case = [label: string, send: () => Promise<ApiResponse>, status: number, code: string];
  const put = (body: unknown) => () =>
    kommune.put(`/api/submissions/${draft.id}`, body, ifMatch(draft.version));
  const transition = (body: unknown) => () =>
    reviewer.post(`/api/submissions/${inReview.id}/transitions`, body, ifMatch(inReview.version));
  const create = (body: unknown) => () => kommune.post('/api/submissions', body);
  const get = (path: string | (() => string)) => () => kommune.get(typeof path === 'string' ? path : path());

  const cases: Case[] = [
    // Request bodies of the wrong shape.
    ['create: body is an array', create([{ formId: FUNDING }]), 400, 'request.invalid'],
    ['create: body is a string', create('funding-application'), 400, 'request.invalid'],
    [
      'create: body is null',
      () => kommune.request('POST', '/api/submissions', { raw: 'null', headers: json }),
      400,
      'request.invalid',
    ],
    ['create: no body', () => kommune.request('POST', '/api/submissions'), 400, 'request.invalid'],
    ['create: formId is a number', create({ formId: 42 }), 400, 'request.invalid'],
    ['create: formId is an array', create({ formId: [FUNDING] }), 400, 'request.invalid'],
    ['create: formId is an object', create({ formId: { id: FUNDING } }), 400, 'request.invalid'],
    ['create: formId unknown', create({ formId: 'no-such-form' }), 404, 'form.not_found'],
    ['create: formId __proto__', create({ formId: '__proto__' }), 400, 'request.invalid'],
    ['create: formId constructor', create({ formId: 'constructor' }), 404, 'form.not_found'],
    ['create: data is an array', create({ formId: FUNDING, data: [] }), 400, 'request.invalid'],
    ['create: data is a string', create({ formId: FUNDING, data: 'x' }), 400, 'request.invalid'],
    ['save: body is an array', put([{ data: {} }]), 400, 'request.invalid'],
    ['save: body without data', put({ round: '2017-2018' }), 400, 'request.invalid'],
    ['save: data is null', put({ data: null }), 400, 'request.invalid'],
    ['save: data is a number', put({ data: 1 }), 400, 'request.invalid'],
    // Actions and comments of the wrong type.
    ['transition: body is an array', transition(['approve']), 400, 'request.invalid'],
    ['transition: no action', transition({}), 400, 'request.invalid'],
    ['transition: action is a number', transition({ action: 1 }), 400, 'request.invalid'],
    ['transition: action is an array', transition({ action: ['approve'] }), 400, 'request.invalid'],
    ['transition: action is an object', transition({ action: { name: 'approve' } }), 400, 'request.invalid'],
    ['transition: action unknown', transition({ action: 'delete' }), 400, 'request.invalid'],
    ['transition: action in capitals', transition({ action: 'APPROVE' }), 400, 'request.invalid'],
    ['transition: action toString', transition({ action: 'toString' }), 400, 'request.invalid'],
    ['transition: comment is a number', transition({ action: 'return', comment: 5 }), 400, 'request.invalid'],
    [
      'transition: comment is an array',
      transition({ action: 'return', comment: ['a'] }),
      400,
      'request.invalid',
    ],
    [
      'transition: comment is an object',
      transition({ action: 'return', comment: { text: 'a' } }),
      400,
      'request.invalid',
    ],
    ['transition: comment is null', transition({ action: 'return', comment: null }), 400, 'request.invalid'],
    [
      'assignee: body is an array',
      () => coordinator.post(`/api/submissions/${plan.id}/assignee`, ['x']),
      400,
      'request.invalid',
    ],
    [
      'assignee: userId of 2,000 characters',
      () => coordinator.post(`/api/submissions/${plan.id}/assignee`, { userId: 'u'.repeat(2000) }),
      400,
      'request.invalid',
    ],
    // Query parameters.
    ['list: huge limit', get('/api/submissions?limit=100000000000000000000000'), 400, 'request.invalid'],
    ['list: limit 0', get('/api/submissions?limit=0'), 400, 'request.invalid'],
    ['list: limit 101', get('/api/submissions?limit=101'), 400, 'request.invalid'],
    ['list: negative limit', get('/api/submissions?limit=-5'), 400, 'request.invalid'],
    ['list: fractional limit', get('/api/submissions?limit=2.5'), 400, 'request.invalid'],
    ['list: limit not a number', get('/api/submissions?limit=ten'), 400, 'request.invalid'],
    ['list: limit given twice', get('/api/submissions?limit=1&limit=2'), 400, 'request.invalid'],
    ['list: unknown status', get('/api/submissions?status=deleted'), 400, 'request.invalid'],
    ['list: empty status', get('/api/submissions?status='), 400, 'request.invalid'],
    ['list: unknown formId', get('/api/submissions?formId=no-such-form'), 404, 'form.not_found'],
    ['list: formId __proto__', get('/api/submissions?formId=__proto__'), 400, 'request.invalid'],
    ['list: garbage cursor', get('/api/submissions?cursor=%%%'), 400, 'list.bad_cursor'],
    [
      'list: cursor not JSON',
      get(`/api/submissions?cursor=${Buffer.from('hello').toString('base64url')}`),
      400,
      'list.bad_cursor',
    ],
    [
      'list: cursor a JSON array',
      get(`/api/submissions?cursor=${Buffer.from('[1]').toString('base64url')}`),
      400,
      'list.bad_cursor',
    ],
    // Path parameters.
    ['get: unknown id', get('/api/submissions/01HZZZZZZZZZZZZZZZZZZZZZZZ'), 404, 'submission.not_found'],
    ['get: id with an encoded percent sign', get('/api/submissions/100%25'), 400, 'request.invalid'],
    ['get: id of spaces', get('/api/submissions/%20%20'), 400, 'request.invalid'],
    [
      'history: id with an encoded percent sign',
      get('/api/submissions/50%25/history'),
      400,
      'request.invalid',
    ],
    [
      'revision: not a number',
      get(() => `/api/submissions/${inReview.id}/revisions/first`),
      400,
      'request.invalid',
    ],
    [
      'revision: huge number',
      get(() => `/api/submissions/${inReview.id}/revisions/1e308`),
      400,
      'request.invalid',
    ],
    ['form: unknown', get('/api/forms/no-such-form'), 404, 'form.not_found'],
    ['form: __proto__', get('/api/forms/__proto__'), 400, 'request.invalid'],
    ['form version: not a number', get(`/api/forms/${FUNDING}/versions/latest`), 400, 'request.invalid'],
    ['form version: zero', get(`/api/forms/${FUNDING}/versions/0`), 400, 'request.invalid'],
    ['form version: negative', get(`/api/forms/${FUNDING}/versions/-1`), 400, 'request.invalid'],
    ['form version: fraction', get(`/api/forms/${FUNDING}/versions/1.5`), 400, 'request.invalid'],
    [
      'form version: huge',
      get(`/api/forms/${FUNDING}/versions/99999999999999999999`),
      400,
      'request.invalid',
    ],
    // Publishing.
    [
      'publish: body is an array',
      () => admin.post('/api/forms/x-form/versions', [genericFormDefinition()]),
      400,
      'request.invalid',
    ],
    [
      'publish: body is null',
      () => admin.request('POST', '/api/forms/x-form/versions', { raw: 'null', headers: json }),
      400,
      'request.invalid',
    ],
    [
      'publish: id with capitals',
      () => admin.post('/api/forms/Bad_Form/versions', genericFormDefinition()),
      400,
      'request.invalid',
    ],
    [
      'publish: schema is a boolean',
      () => admin.post('/api/forms/x-form/versions', genericFormDefinition({ schema: true })),
      400,
      'request.invalid',
    ],
    [
      'publish: schema does not compile',
      () =>
        admin.post(
          '/api/forms/x-form/versions',
          genericFormDefinition({ schema: { type: 'object', properties: { a: { type: 'nonsense' } } } }),
        ),
      400,
      'form.schema_invalid',
    ],
    [
      'publish: invalid regular expression',
      () =>
        admin.post(
          '/api/forms/x-form/versions',
          genericFormDefinition({
            schema: { type: 'object', properties: { a: { type: 'string', pattern: '[' } } },
          }),
        ),
      400,
      'form.schema_invalid',
    ],
    [
      'publish: dangling $ref',
      () =>
        admin.post(
          '/api/forms/x-form/versions',
          genericFormDefinition({ schema: { type: 'object', properties: { a: { $ref: '#/$defs/none' } } } }),
        ),
      400,
      'form.schema_invalid',
    ],
    // Unknown routes.
    ['route: unknown path', get('/api/nothing-here'), 404, 'route.not_found'],
    [
      'route: unknown method',
      () => kommune.request('DELETE', `/api/submissions/${draft.id}`),
      404,
      'route.not_found',
    ],
  ];

  it.each(cases)('%s', async (_label, send, status, code) => {
    const res = await send();
    expect(res.status).not.toBe(500);
    expectError(res, status, code);
  });

  it('refuses deeply nested data with 400 (not a stack overflow)', async () => {
    const depth = 100_000;
    const raw = `{"formId":"${FUNDING}","data":{"remarks":${'['.repeat(depth)}${']'.repeat(depth)}}}`;
    expect(Buffer.byteLength(raw)).toBeLessThan(MAX_BODY);
    const res = await kommune.request('POST', '/api/submissions', { raw, headers: json });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toMatch(
      /^(submission\.invalid_data|request\.malformed_json|request\.too_deep)$/,
    );
  });

  it('changed nothing through all of the above', async () => {
    expect((await kommune.get(`/api/submissions/${draft.id}`)).body).toMatchObject({
      version: draft.version,
      status: 'draft',
    });
    expect((await reviewer.get(`/api/submissions/${inReview.id}`)).body).toMatchObject({
      version: inReview.version,
      status: 'review',
    });
    expect((await coordinator.get(`/api/submissions/${plan.id}`)).body).toMatchObject({
      version: plan.version,
      assignedTo: plan.assignedTo,
    });
  });
});

describe('error shape', () => {
  it('answers 401 in the same shape', async () => {
    const res = await fetch(`${platform.url}/api/submissions`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: 'auth.unauthorized', message: expect.any(String) } });
  });

  it('gives details as JSON pointers with messages', async () => {
    const res = await kommune.put(
      `/api/submissions/${draft.id}`,
      { data: { round: 2018 } },
      ifMatch(draft.version),
    );
    expectError(res, 400, 'submission.invalid_data');
    expect(res.body.error.details).toEqual([
      { pointer: '/round', message: expect.any(String), code: 'type' },
    ]);
  });
});

describe('form ids that are names of JavaScript object members', () => {
  it('publishes a form called "constructor" as version 1, then 2, and the catalogue stays whole', async () => {
    // The id pattern allows it; the catalogue keeps forms in prototype-free records, so it is a form like any other.
    const first = await admin.post('/api/forms/constructor/versions', genericFormDefinition());
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ id: 'constructor', version: 1 });
    const second = await admin.post('/api/forms/constructor/versions', genericFormDefinition());
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    expect(second.body).toMatchObject({ id: 'constructor', version: 2 });
    const list = await kommune.get('/api/forms');
    expect(list.status).toBe(200);
    expect(list.body.items.map((f: { id: string }) => f.id)).toContain(FUNDING);
  });
});
