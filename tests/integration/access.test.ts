/**
 * Who sees and does what, over HTTP: 404 for what the caller may not see (its existence is not revealed),
 * 403 for an action the caller's role may not take, 401 without a valid token. State reviewers never see
 * a plan; admins see no submission; plans belong to their manager and the organisation's coordinators.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateKeyPair, importJWK, type JWTPayload, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  act,
  actOk,
  expectError,
  FUNDING,
  fetchOk,
  fundingData,
  ifMatch,
  PLAN,
  planData,
  start,
  submitFunding,
  subOf,
  uniqueCaseId,
} from '../helpers/factories.ts';
import { type ApiClient, client, startTestPlatform, type TestPlatform } from '../helpers/platform.ts';

let platform: TestPlatform;
const as: Record<string, ApiClient> = {};
const USERS = [
  'kirchheim.kommune',
  'weilheim.kommune',
  'kirchheim.im1',
  'kirchheim.im2',
  'kirchheim.koordination',
  'plochingen.im1',
  'plochingen.koordination',
  'rp.pruefer1',
  'rp.pruefer2',
  'admin',
] as const;
type User = (typeof USERS)[number];
const u = (name: User) => as[name]!;

/** Submissions every test reads; created once. */
const subs: Record<string, Record<string, any>> = {};

beforeAll(async () => {
  platform = await startTestPlatform();
  await Promise.all(USERS.map(async (name) => (as[name] = await platform.as(name))));
  subs.kirchheimDraft = await start(u('kirchheim.kommune'), FUNDING, fundingData());
  subs.kirchheimSubmitted = await submitFunding(
    u('kirchheim.kommune'),
    await start(u('kirchheim.kommune'), FUNDING, fundingData()),
  );
  subs.weilheimSubmitted = await submitFunding(
    u('weilheim.kommune'),
    await start(u('weilheim.kommune'), FUNDING, fundingData()),
  );
  subs.planIm1 = await start(u('kirchheim.im1'), PLAN, planData({ caseId: uniqueCaseId() }));
  subs.planIm2 = await start(u('kirchheim.im2'), PLAN, planData({ caseId: uniqueCaseId() }));
  subs.planAgreed = await actOk(
    u('kirchheim.koordination'),
    await actOk(
      u('kirchheim.im1'),
      await start(u('kirchheim.im1'), PLAN, planData({ caseId: uniqueCaseId() })),
      'submit',
    ),
    'approve',
  );
  subs.planPlochingen = await start(u('plochingen.im1'), PLAN, planData({ caseId: uniqueCaseId() }));
});
afterAll(async () => platform?.stop());

/** Every read and write route of one submission, as the given caller. */
async function everyRoute(api: ApiClient, sub: Record<string, any>) {
  const id = sub.id;
  return {
    get: await api.get(`/api/submissions/${id}`),
    put: await api.put(`/api/submissions/${id}`, { data: {} }, ifMatch(sub.version)),
    transition: await act(api, sub, 'submit'),
    history: await api.get(`/api/submissions/${id}/history`),
    revision: await api.get(`/api/submissions/${id}/revisions/1`),
  };
}

async function expectInvisible(api: ApiClient, sub: Record<string, any>) {
  for (const [route, res] of Object.entries(await everyRoute(api, sub))) {
    expect({ route, status: res.status, code: res.body?.error?.code }).toEqual({
      route,
      status: 404,
      code: 'submission.not_found',
    });
  }
  // And nothing changed.
  expect((await u(ownerOf(sub)).get(`/api/submissions/${sub.id}`)).body.version).toBe(sub.version);
}

const ownerOf = (sub: Record<string, any>): User =>
  (USERS.find((name) => subOf(name) === (sub.assignedTo ?? sub.createdBy)) ?? 'admin') as User;

const ids = (res: { body: { items: Array<{ id: string }> } }) => res.body.items.map((i) => i.id);

describe('municipalities', () => {
  it('see their own applications, draft and submitted', async () => {
    expect((await fetchOk(u('kirchheim.kommune'), subs.kirchheimDraft!.id)).status).toBe('draft');
    expect((await fetchOk(u('kirchheim.kommune'), subs.kirchheimSubmitted!.id)).status).toBe('review');
  });

  it("get 404 on every route of another municipality's application", async () => {
    await expectInvisible(u('weilheim.kommune'), subs.kirchheimSubmitted!);
    await expectInvisible(u('weilheim.kommune'), subs.kirchheimDraft!);
  });

  it('never see integration plans, not even of their own organisation', async () => {
    await expectInvisible(u('kirchheim.kommune'), subs.planAgreed!);
  });

  it('may not review their own application (403) and nothing changes', async () => {
    const sub = subs.kirchheimSubmitted!;
    expectError(await act(u('kirchheim.kommune'), sub, 'approve'), 403, 'submission.forbidden');
    expectError(await act(u('kirchheim.kommune'), sub, 'return', 'selbst'), 403, 'submission.forbidden');
    expect(await fetchOk(u('kirchheim.kommune'), sub.id)).toMatchObject({
      status: 'review',
      version: sub.version,
    });
  });
});

describe('integration managers', () => {
  it('see only the plans assigned to them', async () => {
    expect((await fetchOk(u('kirchheim.im1'), subs.planIm1!.id)).id).toBe(subs.planIm1!.id);
    await expectInvisible(u('kirchheim.im2'), subs.planIm1!);
    await expectInvisible(u('kirchheim.im1'), subs.planIm2!);
    await expectInvisible(u('plochingen.im1'), subs.planIm1!);
  });

  it('never see funding applications', async () => {
    await expectInvisible(u('kirchheim.im1'), subs.kirchheimSubmitted!);
  });

  it('may not start a funding application (403) nor agree their own plan (403)', async () => {
    expectError(
      await u('kirchheim.im1').post('/api/submissions', { formId: FUNDING, data: fundingData() }),
      403,
      'submission.start_forbidden',
    );
    const inReview = await actOk(
      u('kirchheim.im2'),
      await start(u('kirchheim.im2'), PLAN, planData({ caseId: uniqueCaseId() })),
      'submit',
    );
    expectError(await act(u('kirchheim.im2'), inReview, 'approve'), 403, 'submission.forbidden');
  });
});

describe('coordinators', () => {
  it("see every plan of their organisation (working copy, history, revisions), not another organisation's", async () => {
    const coordinator = u('kirchheim.koordination');
    for (const sub of [subs.planIm1!, subs.planIm2!]) {
      expect((await fetchOk(coordinator, sub.id)).data).toEqual(sub.data);
      expect((await coordinator.get(`/api/submissions/${sub.id}/history`)).status).toBe(200);
    }
    expect((await coordinator.get(`/api/submissions/${subs.planAgreed!.id}/revisions/1`)).status).toBe(200);
    await expectInvisible(coordinator, subs.planPlochingen!);
    await expectInvisible(u('plochingen.koordination'), subs.planIm1!);
  });

  it("may not edit, submit or start a manager's plan (403), and see no funding application", async () => {
    const coordinator = u('kirchheim.koordination');
    const plan = subs.planIm1!;
    expectError(
      await coordinator.put(`/api/submissions/${plan.id}`, { data: plan.data }, ifMatch(plan.version)),
      403,
      'submission.forbidden',
    );
    expectError(await act(coordinator, plan, 'submit'), 403, 'submission.forbidden');
    expectError(await act(coordinator, subs.planAgreed!, 'amend'), 403, 'submission.forbidden');
    expectError(
      await coordinator.post('/api/submissions', { formId: PLAN, data: planData() }),
      403,
      'submission.start_forbidden',
    );
    await expectInvisible(coordinator, subs.kirchheimSubmitted!);
  });
});

describe('state reviewers', () => {
  it('see submitted applications of every organisation, as the submitted snapshot', async () => {
    for (const reviewer of [u('rp.pruefer1'), u('rp.pruefer2')]) {
      for (const sub of [subs.kirchheimSubmitted!, subs.weilheimSubmitted!]) {
        expect(await fetchOk(reviewer, sub.id)).toMatchObject({
          id: sub.id,
          status: 'review',
          data: sub.data,
        });
        expect((await reviewer.get(`/api/submissions/${sub.id}/history`)).status).toBe(200);
        expect((await reviewer.get(`/api/submissions/${sub.id}/revisions/1`)).status).toBe(200);
      }
    }
  });

  it('never see drafts', async () => {
    await expectInvisible(u('rp.pruefer1'), subs.kirchheimDraft!);
  });

  it('NEVER see a plan: 404 on get, history, revisions and actions', async () => {
    for (const plan of [subs.planAgreed!, subs.planIm1!]) await expectInvisible(u('rp.pruefer1'), plan);
    expectError(await act(u('rp.pruefer1'), subs.planAgreed!, 'approve'), 404, 'submission.not_found');
  });

  it('find no plan in their lists, even when asking for the plan form', async () => {
    const all = await u('rp.pruefer1').get('/api/submissions?limit=100');
    expect(all.status).toBe(200);
    expect(all.body.items.filter((i: { kind: string }) => i.kind !== 'funding')).toEqual([]);
    expect(ids(all)).toEqual(
      expect.arrayContaining([subs.kirchheimSubmitted!.id, subs.weilheimSubmitted!.id]),
    );
    // The role sees no submissions of that kind at all: refused rather than an empty page.
    expectError(
      await u('rp.pruefer1').get(`/api/submissions?formId=${PLAN}`),
      403,
      'submission.list_forbidden',
    );
    expectError(
      await u('rp.pruefer1').get(`/api/submissions?formId=${PLAN}&status=approved`),
      403,
      'submission.list_forbidden',
    );
  });

  it('may not edit or submit an application, nor start one (403)', async () => {
    const sub = subs.weilheimSubmitted!;
    expectError(
      await u('rp.pruefer1').put(`/api/submissions/${sub.id}`, { data: sub.data }, ifMatch(sub.version)),
      403,
      'submission.forbidden',
    );
    expectError(await act(u('rp.pruefer1'), sub, 'submit'), 403, 'submission.forbidden');
    expectError(
      await u('rp.pruefer1').post('/api/submissions', { formId: FUNDING }),
      403,
      'submission.start_forbidden',
    );
    expectError(
      await u('rp.pruefer1').post('/api/submissions', { formId: PLAN }),
      403,
      'submission.start_forbidden',
    );
  });
});

describe('admins', () => {
  it('see no submission at all', async () => {
    for (const sub of [subs.kirchheimSubmitted!, subs.planAgreed!]) await expectInvisible(u('admin'), sub);
    expectError(await u('admin').get('/api/submissions'), 403, 'submission.list_forbidden');
    expectError(
      await u('admin').post('/api/submissions', { formId: FUNDING }),
      403,
      'submission.start_forbidden',
    );
  });
});

describe('reassigning a plan', () => {
  it('moves the plan to another manager of the organisation: the new one sees it, the old one gets 404', async () => {
    const plan = await start(u('kirchheim.im1'), PLAN, planData({ caseId: uniqueCaseId() }));
    const res = await u('kirchheim.koordination').post(`/api/submissions/${plan.id}/assignee`, {
      userId: subOf('kirchheim.im2'),
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: plan.id,
      assignedTo: subOf('kirchheim.im2'),
      version: 2,
      status: 'draft',
    });
    expect(res.headers.get('etag')).toBe('"2"');

    expect((await fetchOk(u('kirchheim.im2'), plan.id)).assignedTo).toBe(subOf('kirchheim.im2'));
    await expectInvisible(u('kirchheim.im1'), { ...plan, version: 2, assignedTo: subOf('kirchheim.im2') });
    expect(ids(await u('kirchheim.im2').get('/api/submissions?limit=100'))).toContain(plan.id);
    expect(ids(await u('kirchheim.im1').get('/api/submissions?limit=100'))).not.toContain(plan.id);

    // The new manager now owns it.
    const submitted = await actOk(u('kirchheim.im2'), { ...plan, version: 2 }, 'submit');
    expect(submitted.status).toBe('review');

    const history = (await u('kirchheim.koordination').get(`/api/submissions/${plan.id}/history`)).body.items;
    expect(history[1]).toMatchObject({
      version: 2,
      type: 'assigned',
      role: 'coordinator',
      assignedTo: subOf('kirchheim.im2'),
      actor: { sub: subOf('kirchheim.koordination'), name: 'Petra Lang' },
    });
  });

  it('refuses a user who is not a manager of the same organisation (400), changing nothing', async () => {
    const plan = subs.planIm2!;
    for (const userId of [
      subOf('kirchheim.kommune'),
      subOf('kirchheim.koordination'),
      subOf('plochingen.im1'),
      'u-nobody',
    ]) {
      const res = await u('kirchheim.koordination').post(`/api/submissions/${plan.id}/assignee`, { userId });
      expectError(res, 400, 'assignee.invalid');
      expect(res.body.error.details).toEqual([{ pointer: '/userId', message: expect.any(String) }]);
    }
    expectError(
      await u('kirchheim.koordination').post(`/api/submissions/${plan.id}/assignee`, {}),
      400,
      'request.invalid',
    );
    expectError(
      await u('kirchheim.koordination').post(`/api/submissions/${plan.id}/assignee`, { userId: 7 }),
      400,
      'request.invalid',
    );
    expect(await fetchOk(u('kirchheim.im2'), plan.id)).toMatchObject({
      version: plan.version,
      assignedTo: subOf('kirchheim.im2'),
    });
  });

  it('is refused to a manager (403) and invisible to others (404)', async () => {
    const plan = subs.planIm2!;
    const body = { userId: subOf('kirchheim.im1') };
    expectError(
      await u('kirchheim.im2').post(`/api/submissions/${plan.id}/assignee`, body),
      403,
      'submission.assign_forbidden',
    );
    expectError(
      await u('plochingen.koordination').post(`/api/submissions/${plan.id}/assignee`, body),
      404,
      'submission.not_found',
    );
    expectError(
      await u('rp.pruefer1').post(`/api/submissions/${plan.id}/assignee`, body),
      404,
      'submission.not_found',
    );
    expectError(
      await u('kirchheim.kommune').post(`/api/submissions/${subs.kirchheimDraft!.id}/assignee`, body),
      403,
      'submission.assign_forbidden',
    );
    expect((await fetchOk(u('kirchheim.im2'), plan.id)).assignedTo).toBe(subOf('kirchheim.im2'));
  });

  it('honours a stale If-Match (412)', async () => {
    const plan = subs.planPlochingen!;
    const res = await u('plochingen.koordination').post(
      `/api/submissions/${plan.id}/assignee`,
      { userId: subOf('plochingen.im1') },
      ifMatch(plan.version + 5),
    );
    expectError(res, 412, 'submission.stale_version');
  });
});

describe('authentication', () => {
  const ISSUER = 'urn:pakt-integration:local';
  const AUDIENCE = 'pakt-integration-local';
  const claims = {
    name: 'Sabine Maurer',
    email: 's.maurer@kirchheim.example',
    'cognito:groups': ['municipality'],
    'custom:org': 'kirchheim-unter-teck',
  };

  /** Signs a token with the platform's own key (read from its data directory) or with a foreign key. */
  async function token(
    options: { key?: 'platform' | 'foreign'; payload?: JWTPayload; expiresAt?: number } = {},
  ) {
    let key: CryptoKey | Uint8Array;
    if (options.key === 'foreign') key = (await generateKeyPair('ES256')).privateKey;
    else {
      const stored = JSON.parse(readFileSync(join(platform.dataDir, 'jwt-key.json'), 'utf8'));
      key = (await importJWK(stored.privateJwk, 'ES256')) as CryptoKey;
    }
    return new SignJWT(options.payload ?? claims)
      .setProtectedHeader({ alg: 'ES256' })
      .setSubject(subOf('kirchheim.kommune'))
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
      .setExpirationTime(options.expiresAt ?? Math.floor(Date.now() / 1000) + 600)
      .sign(key);
  }

  it('accepts a well-formed token signed with the platform key (the control for the cases below)', async () => {
    const res = await client(platform.url, await token()).get('/api/me');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      sub: subOf('kirchheim.kommune'),
      org: 'kirchheim-unter-teck',
      roles: ['municipality'],
    });
  });

  it('answers 401 without a token, with garbage, a foreign signature, an expired token or a token without role', async () => {
    const cases: Record<string, string | undefined> = {
      none: undefined,
      garbage: 'not-a-jwt',
      foreignSignature: await token({ key: 'foreign' }),
      expired: await token({ expiresAt: Math.floor(Date.now() / 1000) - 60 }),
      noRole: await token({ payload: { ...claims, 'cognito:groups': [] } }),
      noOrg: await token({ payload: { name: 'x', 'cognito:groups': ['municipality'] } }),
    };
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ ...claims, sub: 'x', iss: ISSUER, aud: AUDIENCE })).toString('base64url')}.`;
    cases.algNone = unsigned;
    for (const [name, value] of Object.entries(cases)) {
      for (const [method, path] of [
        ['GET', '/api/submissions'],
        ['GET', `/api/submissions/${subs.kirchheimDraft!.id}`],
        ['POST', '/api/submissions'],
      ] as const) {
        const res = await fetch(`${platform.url}${path}`, {
          method,
          headers: {
            'content-type': 'application/json',
            ...(value ? { authorization: `Bearer ${value}` } : {}),
          },
          ...(method === 'POST' ? { body: JSON.stringify({ formId: FUNDING }) } : {}),
        });
        const body = await res.json();
        expect({ name, path, status: res.status, code: body.error?.code }).toEqual({
          name,
          path,
          status: 401,
          code: 'auth.unauthorized',
        });
      }
    }
  });
});

describe('yearly key-figure report', () => {
  it("is confirmed by the organisation's coordinator and seen by the reviewer, to no one else", async () => {
    const year = Number(new Date().toISOString().slice(0, 4)) - 1;
    const path = `/api/key-figure-reports/${year}/kirchheim-unter-teck`;
    const preview = await u('kirchheim.koordination').get(path);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ status: 'missing', dueDate: `${year + 1}-01-31` });
    expectError(await u('plochingen.koordination').get(path), 404, 'key_figure_report.not_found');
    expectError(await u('kirchheim.kommune').get(path), 404, 'key_figure_report.not_found');
    const confirmed = await u('kirchheim.koordination').post('/api/key-figure-reports', { year });
    expect(confirmed.status).toBe(201);
    expect(confirmed.body).toMatchObject({ status: 'confirmed', figures: preview.body.figures });
    expectError(
      await u('kirchheim.koordination').post('/api/key-figure-reports', { year }),
      409,
      'key_figure_report.already_confirmed',
    );
    const overview = await u('rp.pruefer1').get(`/api/key-figure-reports?year=${year}`);
    expect(overview.status).toBe(200);
    const state = (org: string) =>
      (overview.body.items as Array<Record<string, any>>).find((i) => i.org === org);
    expect(state('kirchheim-unter-teck')).toMatchObject({
      status: 'confirmed',
      confirmedAt: confirmed.body.confirmedAt,
    });
    // The demo data: Plochingen's coordinator confirmed last year's figures.
    expect(state('plochingen')).toMatchObject({ status: 'confirmed' });
    expect(state('weilheim-an-der-teck')).toMatchObject({ status: 'missing' });
    expect((await u('rp.pruefer1').get(path)).body).toEqual(confirmed.body);
  });
});
