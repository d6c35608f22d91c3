/**
 * Data protection of plans over HTTP: consent withdrawal (its own action, in every state, effective at once),
 * the access log (every read recorded, nobody can alter it), the subject-access export, and that a state
 * reviewer reaches no plan by any route.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths, berlinDate } from '../../functions/core/retention.ts';
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
  save,
  signIn,
  start,
  subOf,
  uniqueCaseId,
} from '../helpers/factories.ts';
import { type ApiClient, startTestPlatform, type TestPlatform } from '../helpers/platform.ts';

type Json = Record<string, any>;

let platform: TestPlatform;
let im1: ApiClient;
let im2: ApiClient;
let coord: ApiClient;
let otherCoord: ApiClient;
let reviewer: ApiClient;
let municipality: ApiClient;

beforeAll(async () => {
  platform = await startTestPlatform();
  [im1, im2, coord, otherCoord, reviewer, municipality] = await signIn(
    platform,
    'kirchheim.im1',
    'kirchheim.im2',
    'kirchheim.koordination',
    'plochingen.koordination',
    'rp.pruefer1',
    'kirchheim.kommune',
  );
});
afterAll(async () => platform?.stop());

const today = () => berlinDate(new Date());
const consent = (api: ApiClient, sub: Json, body: Json) =>
  api.post(`/api/submissions/${sub.id}/consent`, body);

/** A plan agreed by the coordinator (revision 1, approved). */
async function agreedPlan(data: Json = planData({ caseId: uniqueCaseId() })): Promise<Json> {
  return actOk(coord, await actOk(im1, await start(im1, PLAN, data), 'submit'), 'approve');
}

/** Plan data with health data, its consent and a sharing consent. */
function planWithHealth(): Json {
  const data = planData({ caseId: uniqueCaseId() });
  data.consent.health = { given: true, date: '2026-01-05', language: 'Arabisch' };
  data.consent.sharing = [{ body: 'Jobcenter Landkreis Esslingen', given: true, date: '2026-01-05' }];
  data.health = { notes: 'Geheime Gesundheitsnotiz' };
  data.needs = [
    { area: 'health', description: 'Geheimer Bedarf' },
    { area: 'work', description: 'Arbeit' },
  ];
  data.goals = [
    { area: 'language', title: 'B1 erreichen', status: 'open' },
    { area: 'health', title: 'Geheimes Gesundheitsziel', status: 'in_progress' },
  ];
  return data;
}

describe('withdrawing consent to storage', () => {
  it('locks an agreed plan at once, without a new review, and schedules its erasure', async () => {
    const plan = await agreedPlan();
    const res = await consent(im1, plan, { purpose: 'storage', withdrawnAt: today() });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      status: 'approved',
      locked: true,
      erasureDueAt: addMonths(today(), 6),
      version: plan.version + 1,
      consentWithdrawals: [
        { purpose: 'storage', withdrawnAt: today(), recordedBy: { sub: subOf('kirchheim.im1') } },
      ],
    });
    expect(res.body.data.consent.storage).toMatchObject({ given: false, withdrawnAt: today() });
    const locked = res.body;

    // No further edits of any kind.
    expectError(
      await im1.put(`/api/submissions/${plan.id}`, { data: locked.data }, ifMatch(locked.version)),
      409,
      'submission.locked',
    );
    expectError(await act(im1, locked, 'amend'), 409, 'submission.locked');
    expectError(
      await im1.post(`/api/submissions/${plan.id}/attachments`, {
        filename: 'a.pdf',
        contentType: 'application/pdf',
        size: 100,
      }),
      409,
      'submission.locked',
    );

    // Still readable by its manager and the coordinator, by nobody else.
    expect((await fetchOk(im1, plan.id)).locked).toBe(true);
    expect((await fetchOk(coord, plan.id)).locked).toBe(true);
    for (const api of [im2, otherCoord, reviewer, municipality]) {
      expectError(await api.get(`/api/submissions/${plan.id}`), 404, 'submission.not_found');
    }

    // Marked in lists.
    for (const api of [im1, coord]) {
      const list = await api.get(`/api/submissions?formId=${PLAN}&limit=100`);
      expect(list.body.items.find((s: Json) => s.id === plan.id)).toMatchObject({
        locked: true,
        erasureDueAt: addMonths(today(), 6),
      });
    }

    // Recorded in the history.
    const history = (await im1.get(`/api/submissions/${plan.id}/history`)).body.items;
    expect(history.at(-1)).toMatchObject({
      type: 'consent',
      consent: { purpose: 'storage', withdrawnAt: today() },
      actor: { sub: subOf('kirchheim.im1') },
    });
  });

  it('is allowed in every state: draft, in review, returned', async () => {
    const draft = await start(im1, PLAN, planData({ caseId: uniqueCaseId() }));
    const review = await actOk(im1, await start(im1, PLAN, planData({ caseId: uniqueCaseId() })), 'submit');
    const returned = await actOk(
      coord,
      await actOk(im1, await start(im1, PLAN, planData({ caseId: uniqueCaseId() })), 'submit'),
      'return',
      'Bitte ergänzen',
    );
    for (const plan of [draft, review, returned]) {
      const res = await consent(coord, plan, { purpose: 'storage' });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ status: plan.status, locked: true });
    }
    expectError(await act(im1, { ...draft, version: draft.version + 1 }, 'submit'), 409, 'submission.locked');
    expectError(
      await act(coord, { ...review, version: review.version + 1 }, 'approve'),
      409,
      'submission.locked',
    );
  });

  it('is refused for what is not there, in the future, twice, or by the wrong people', async () => {
    const plan = await start(im1, PLAN, planData({ caseId: uniqueCaseId() }));
    expectError(await consent(im1, plan, { purpose: 'newsletter' }), 400, 'request.invalid');
    expectError(
      await consent(im1, plan, { purpose: 'storage', withdrawnAt: '2999-01-01' }),
      400,
      'consent.invalid_request',
    );
    expectError(await consent(im1, plan, { purpose: 'health' }), 409, 'consent.not_given');
    expectError(
      await consent(im1, plan, { purpose: 'sharing', sharingId: 'nope' }),
      400,
      'consent.unknown_sharing',
    );
    for (const api of [im2, otherCoord, reviewer, municipality]) {
      expectError(await consent(api, plan, { purpose: 'storage' }), 404, 'submission.not_found');
    }
    expect((await consent(im1, plan, { purpose: 'storage' })).status).toBe(200);
    expectError(await consent(im1, plan, { purpose: 'storage' }), 409, 'consent.not_given');
    const application = await start(municipality, FUNDING, fundingData());
    expectError(
      await consent(municipality, application, { purpose: 'storage' }),
      400,
      'consent.not_applicable',
    );
  });
});

describe('withdrawing consent to health data', () => {
  it('redacts the health fields in every revision and the working copy, recorded without their content', async () => {
    const first = await agreedPlan(planWithHealth());
    // A second revision (an amendment agreed at once).
    const amended = await actOk(im1, first, 'amend');
    const second = await actOk(
      im1,
      await save(im1, amended, { ...amended.data, person: { name: 'A. Beispiel-Neu' } }),
      'submit',
    );
    expect(second).toMatchObject({ status: 'approved', revision: 2 });

    const res = await consent(im1, second, { purpose: 'health', withdrawnAt: today() });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ status: 'approved', revision: 2 });
    expect(res.body.locked).toBeUndefined();
    const secret = /Geheim/;
    expect(JSON.stringify(res.body.data)).not.toMatch(secret);
    expect(res.body.data.goals.map((g: Json) => g.area)).toEqual(['language']);
    expect(res.body.data.needs.map((n: Json) => n.area)).toEqual(['work']);
    expect(res.body.data.consent.health).toMatchObject({ given: false, withdrawnAt: today() });

    for (const n of [1, 2]) {
      const revision = (await im1.get(`/api/submissions/${second.id}/revisions/${n}`)).body;
      expect(JSON.stringify(revision.data)).not.toMatch(secret);
      expect(revision.data.person).toBeDefined();
      expect(revision.redacted).toEqual([
        { purpose: 'health', at: expect.any(String), pointers: ['/health', '/needs/0', '/goals/1'] },
      ]);
    }
    const history = (await coord.get(`/api/submissions/${second.id}/history`)).body.items;
    expect(history.at(-1)).toMatchObject({
      type: 'consent',
      consent: {
        purpose: 'health',
        redactedPointers: ['/health', '/needs/0', '/goals/1'],
        redactedRevisions: [1, 2],
      },
    });
    expect(JSON.stringify(history)).not.toMatch(secret);
    const exported = (await coord.get(`/api/submissions/${second.id}/export`)).body;
    expect(JSON.stringify(exported)).not.toMatch(secret);

    // The server refuses health data from now on.
    const reopened = await actOk(im1, res.body, 'amend');
    const refused = await im1.put(
      `/api/submissions/${second.id}`,
      { data: { ...reopened.data, health: { notes: 'Neue Notiz' } } },
      ifMatch(reopened.version),
    );
    expectError(refused, 400, 'consent.health_required');
    expect(refused.body.error.details.map((d: Json) => d.pointer)).toEqual(['/health']);
  });

  it('refuses health data without consent from the start', async () => {
    const data = planData({ caseId: uniqueCaseId() });
    const res = await im1.post('/api/submissions', {
      formId: PLAN,
      data: { ...data, goals: [{ area: 'health', title: 'Arzt', status: 'open' }] },
    });
    expectError(res, 400, 'consent.health_required');
  });
});

describe('withdrawing consent to sharing', () => {
  it('is recorded with its date and the named body, and shown', async () => {
    const plan = await start(im1, PLAN, planWithHealth());
    const sharingId = plan.data.consent.sharing[0].id;
    expect(typeof sharingId).toBe('string');
    const res = await consent(coord, plan, { purpose: 'sharing', sharingId, withdrawnAt: '2026-01-20' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.consentWithdrawals).toEqual([
      expect.objectContaining({
        purpose: 'sharing',
        sharingId,
        body: 'Jobcenter Landkreis Esslingen',
        withdrawnAt: '2026-01-20',
      }),
    ]);
    expect(res.body.data.consent.sharing[0]).toMatchObject({ given: false, withdrawnAt: '2026-01-20' });
    expect(res.body.locked).toBeUndefined();
    // Still editable: only the sharing stopped.
    await save(im1, res.body, res.body.data);
  });
});

describe('access log', () => {
  it('records every read of a plan with who, when and what; its manager and coordinator see it', async () => {
    const plan = await agreedPlan();
    const before = new Date().toISOString();
    await fetchOk(im1, plan.id);
    expect((await coord.get(`/api/submissions/${plan.id}/history`)).status).toBe(200);
    expect((await im1.get(`/api/submissions/${plan.id}/revisions/1`)).status).toBe(200);
    expect((await im1.get(`/api/submissions/${plan.id}/diff?from=1&to=working`)).status).toBe(200);
    expect((await coord.get(`/api/submissions/${plan.id}/export`)).status).toBe(200);
    // Reads refused are not reads.
    expect((await reviewer.get(`/api/submissions/${plan.id}`)).status).toBe(404);

    for (const api of [im1, coord]) {
      const log = await api.get(`/api/submissions/${plan.id}/access-log`);
      expect(log.status).toBe(200);
      const entries = log.body.items.filter((e: Json) => e.at >= before);
      expect(entries.map((e: Json) => [e.what, e.actor.sub, e.role])).toEqual([
        ['view', subOf('kirchheim.im1'), 'manager'],
        ['history', subOf('kirchheim.koordination'), 'coordinator'],
        ['revision', subOf('kirchheim.im1'), 'manager'],
        ['diff', subOf('kirchheim.im1'), 'manager'],
        ['export', subOf('kirchheim.koordination'), 'coordinator'],
      ]);
      expect(entries[2].detail).toBe('1');
      for (const e of entries)
        expect(e).toMatchObject({ submissionId: plan.id, at: expect.stringMatching(/^\d{4}-/) });
    }
    for (const api of [im2, otherCoord, reviewer, municipality]) {
      expectError(await api.get(`/api/submissions/${plan.id}/access-log`), 404, 'submission.not_found');
    }
  });

  it('cannot be altered by anyone: no route writes or deletes it', async () => {
    const plan = await agreedPlan();
    await fetchOk(im1, plan.id);
    const log = async () => (await coord.get(`/api/submissions/${plan.id}/access-log`)).body.items;
    const original = await log();
    expect(original.length).toBeGreaterThan(0);
    for (const api of [im1, coord]) {
      for (const method of ['POST', 'PUT', 'DELETE']) {
        const res = await api.request(method, `/api/submissions/${plan.id}/access-log`, {
          body: { items: [] },
        });
        expect({ method, status: res.status }).toEqual({ method, status: 404 });
        const one = await api.request(method, `/api/submissions/${plan.id}/access-log/${original[0].id}`, {
          body: {},
        });
        expect({ method, status: one.status }).toEqual({ method, status: 404 });
      }
    }
    // Saving the plan's data with an "accessLog" field changes nothing either (unknown fields are dropped).
    const amended = await actOk(im1, await fetchOk(im1, plan.id), 'amend');
    await save(im1, amended, { ...amended.data, accessLog: [] });
    const after = await log();
    expect(after.slice(0, original.length)).toEqual(original);
  });

  it('is kept for plans only', async () => {
    const application = await start(municipality, FUNDING, fundingData());
    expectError(
      await municipality.get(`/api/submissions/${application.id}/access-log`),
      404,
      'access_log.not_found',
    );
  });
});

describe('subject-access export (Art. 15)', () => {
  it('gives the coordinator every revision, the history, the attachments and the access log in one document', async () => {
    const first = await agreedPlan();
    const amended = await actOk(im1, first, 'amend');
    const second = await actOk(
      im1,
      await save(im1, amended, { ...amended.data, person: { name: 'Zweite Fassung' } }),
      'submit',
    );
    const third = await save(im1, await actOk(im1, second, 'amend'), {
      ...second.data,
      person: { name: 'Arbeitsstand' },
    });

    const res = await coord.get(`/api/submissions/${first.id}/export`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="plan-${first.id}.json"`);
    const doc = res.body;
    expect(doc).toMatchObject({
      format: 'pakt-subject-access/1',
      exportedBy: { sub: subOf('kirchheim.koordination') },
      submission: { id: first.id, version: third.version, data: { person: { name: 'Arbeitsstand' } } },
      attachments: [],
    });
    expect(doc.revisions.map((r: Json) => r.n)).toEqual([1, 2]);
    for (const revision of doc.revisions) {
      expect(revision).toEqual(
        (await coord.get(`/api/submissions/${first.id}/revisions/${revision.n}`)).body,
      );
    }
    expect(doc.revisions[1].data.person.name).toBe('Zweite Fassung');
    const history = (await coord.get(`/api/submissions/${first.id}/history`)).body.items;
    expect(doc.history).toEqual(history.slice(0, doc.history.length));
    expect(doc.history.length).toBe(history.length);
    expect(doc.accessLog.at(-1)).toMatchObject({
      what: 'export',
      actor: { sub: subOf('kirchheim.koordination') },
    });
  });

  it('is for the coordinator: the manager gets 403, everyone else 404', async () => {
    const plan = await agreedPlan();
    expectError(await im1.get(`/api/submissions/${plan.id}/export`), 403, 'export.forbidden');
    for (const api of [im2, otherCoord, reviewer, municipality]) {
      expectError(await api.get(`/api/submissions/${plan.id}/export`), 404, 'submission.not_found');
    }
  });
});

describe('state reviewers never reach a plan', () => {
  it('by any route: list, get, history, revision, diff, attachments, export, access log, consent', async () => {
    const draft = await start(im1, PLAN, planData({ caseId: uniqueCaseId() }));
    const inReview = await actOk(im1, await start(im1, PLAN, planData({ caseId: uniqueCaseId() })), 'submit');
    const agreed = await agreedPlan();
    const locked = (await consent(im1, await agreedPlan(), { purpose: 'storage' })).body;
    const plans = [draft, inReview, agreed, locked];

    for (const name of ['rp.pruefer1', 'rp.pruefer2']) {
      const api = await platform.as(name);
      for (const plan of plans) {
        const id = plan.id;
        const routes: Record<string, Promise<{ status: number; body: any }>> = {
          get: api.get(`/api/submissions/${id}`),
          history: api.get(`/api/submissions/${id}/history`),
          revision: api.get(`/api/submissions/${id}/revisions/1`),
          diff: api.get(`/api/submissions/${id}/diff?from=1&to=1`),
          attachments: api.get(`/api/submissions/${id}/attachments`),
          attachment: api.get(`/api/submissions/${id}/attachments/01ANYATTACHMENT`),
          export: api.get(`/api/submissions/${id}/export`),
          accessLog: api.get(`/api/submissions/${id}/access-log`),
          consent: api.post(`/api/submissions/${id}/consent`, { purpose: 'storage' }),
          put: api.put(`/api/submissions/${id}`, { data: {} }, ifMatch(plan.version)),
          transition: api.post(
            `/api/submissions/${id}/transitions`,
            { action: 'approve' },
            ifMatch(plan.version),
          ),
        };
        for (const [route, pending] of Object.entries(routes)) {
          const res = await pending;
          expect({ name, route, status: res.status, code: res.body?.error?.code }).toEqual({
            name,
            route,
            status: 404,
            code: 'submission.not_found',
          });
        }
      }
      // Lists: the review scope never holds a plan, and asking for plans is refused.
      const ids = new Set<string>();
      let cursor: string | undefined;
      do {
        const page = await api.get(`/api/submissions?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
        expect(page.status).toBe(200);
        for (const item of page.body.items) {
          ids.add(item.id);
          expect(item.kind).not.toBe('case');
        }
        cursor = page.body.nextCursor;
      } while (cursor);
      for (const plan of plans) expect(ids.has(plan.id)).toBe(false);
      expectError(await api.get(`/api/submissions?formId=${PLAN}`), 403, 'submission.list_forbidden');
    }
    // And none of it left a trace in the plans' access logs.
    for (const plan of plans) {
      const log = (await coord.get(`/api/submissions/${plan.id}/access-log`)).body.items;
      expect(log.filter((e: Json) => e.role === 'reviewer')).toEqual([]);
    }
  });
});
