/**
 * Lists over HTTP: newest first, paginated with an opaque cursor, filtered by form and status, summaries
 * without the data but with the form's indexed fields, each role reading only its own scope. Lists are
 * compared against what they held before this file created anything, so demo data cannot disturb them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectError,
  FUNDING,
  fundingData,
  PLAN,
  planData,
  signIn,
  start,
  submitFunding,
  subOf,
  uniqueCaseId,
} from '../helpers/factories.ts';
import { type ApiClient, startTestPlatform, type TestPlatform } from '../helpers/platform.ts';

type Summary = Record<string, any>;

let platform: TestPlatform;
let wendlingen: ApiClient;
let weilheim: ApiClient;
let reviewer: ApiClient;
let im1: ApiClient;
let im2: ApiClient;
let coordinator: ApiClient;
let plochingenCoordinator: ApiClient;

/** Applications of Wendlingen, oldest first: L1…L5; L2 and L4 submitted. */
const apps: Summary[] = [];
let weilheimSubmitted: Summary;
const plans: Record<'im1' | 'im2' | 'plochingen', Summary> = {} as never;
let baseline: { all: string[]; review: string[] };

/** Every page of a list, following `nextCursor`. */
async function allPages(api: ApiClient, query: string, limit: number) {
  const pages: Array<{ items: Summary[]; nextCursor?: string }> = [];
  let cursor: string | undefined;
  do {
    const sep = query ? '&' : '';
    const res = await api.get(
      `/api/submissions?${query}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    pages.push(res.body);
    cursor = res.body.nextCursor;
    expect(pages.length).toBeLessThan(100);
  } while (cursor);
  return pages;
}
const idsOf = (pages: Array<{ items: Summary[] }>) => pages.flatMap((p) => p.items.map((i) => i.id));
const list = async (api: ApiClient, query = '') => {
  const res = await api.get(`/api/submissions?limit=100${query ? `&${query}` : ''}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.items as Summary[];
};

beforeAll(async () => {
  platform = await startTestPlatform();
  [wendlingen, weilheim, reviewer, im1, im2, coordinator, plochingenCoordinator] = await signIn(
    platform,
    'wendlingen.kommune',
    'weilheim.kommune',
    'rp.pruefer1',
    'kirchheim.im1',
    'kirchheim.im2',
    'kirchheim.koordination',
    'plochingen.koordination',
  );
  baseline = {
    all: (await list(wendlingen)).map((i) => i.id),
    review: (await list(wendlingen, 'status=review')).map((i) => i.id),
  };
  for (let n = 1; n <= 5; n++)
    apps.push(await start(wendlingen, FUNDING, fundingData({ applicantName: `L${n}` })));
  apps[1] = await submitFunding(wendlingen, apps[1]!);
  apps[3] = await submitFunding(wendlingen, apps[3]!);
  weilheimSubmitted = await submitFunding(
    weilheim,
    await start(weilheim, FUNDING, fundingData({ applicantName: 'W1' })),
  );
  plans.im1 = await start(im1, PLAN, planData({ caseId: uniqueCaseId() }));
  plans.im2 = await start(im2, PLAN, planData({ caseId: uniqueCaseId() }));
  plans.plochingen = await start(
    await platform.as('plochingen.im1'),
    PLAN,
    planData({ caseId: uniqueCaseId() }),
  );
});
afterAll(async () => platform?.stop());

/** The id of application L<n>. */
const L = (n: number): string => apps[n - 1]!.id;

describe('pagination', () => {
  it('pages newest first with a cursor, through every item exactly once', async () => {
    const pages = await allPages(wendlingen, '', 2);
    expect(idsOf(pages)).toEqual([L(5), L(4), L(3), L(2), L(1), ...baseline.all]);
    for (const page of pages.slice(0, -1)) {
      expect(page.items).toHaveLength(2);
      expect(typeof page.nextCursor).toBe('string');
    }
    expect(pages.at(-1)!.nextCursor).toBeUndefined();
  });

  it('gives the same order with limit 1, and with the form filter', async () => {
    expect(idsOf(await allPages(wendlingen, '', 1))).toEqual([L(5), L(4), L(3), L(2), L(1), ...baseline.all]);
    expect(idsOf(await allPages(wendlingen, `formId=${FUNDING}`, 3))).toEqual([
      L(5),
      L(4),
      L(3),
      L(2),
      L(1),
      ...baseline.all,
    ]);
  });

  it('accepts limits from 1 to 100', async () => {
    const one = await wendlingen.get('/api/submissions?limit=1');
    expect(one.body.items.map((i: Summary) => i.id)).toEqual([L(5)]);
    expect(one.body.nextCursor).toEqual(expect.any(String));
    expect((await wendlingen.get('/api/submissions?limit=100')).status).toBe(200);
    expect((await wendlingen.get('/api/submissions')).status).toBe(200);
  });
});

describe('filters and summaries', () => {
  it('filters by status, paginated too', async () => {
    const review = idsOf(await allPages(wendlingen, 'status=review', 1));
    expect(review).toEqual([L(4), L(2), ...baseline.review]);
    const drafts = await list(wendlingen, 'status=draft');
    expect(drafts.map((i) => i.id)).toEqual(expect.arrayContaining([L(5), L(3), L(1)]));
    expect(drafts.map((i) => i.id)).not.toContain(L(2));
    expect(drafts.every((i) => i.status === 'draft')).toBe(true);
    expect(await list(wendlingen, 'status=approved')).toEqual([]);
  });

  it('returns summaries without data, with the indexed fields and the workflow state', async () => {
    const items = await list(wendlingen);
    const l4 = items.find((i) => i.id === L(4))!;
    expect(l4).not.toHaveProperty('data');
    expect(l4).toMatchObject({
      id: L(4),
      formId: FUNDING,
      formVersion: 1,
      kind: 'funding',
      status: 'review',
      version: 2,
      revision: 1,
      approvedRevision: null,
      org: 'wendlingen-am-neckar',
      createdBy: subOf('wendlingen.kommune'),
      createdAt: apps[3]!.createdAt,
      submittedAt: apps[3]!.submittedAt,
    });
    const sample = fundingData();
    expect(l4.indexed).toMatchObject({
      round: sample.round,
      applicantName: 'L4',
      applicantKind: sample.applicant.kind,
      periodStart: sample.fundingPeriod.start,
      periodEnd: sample.fundingPeriod.end,
    });
    for (const item of items) expect(item).not.toHaveProperty('data');
    const createdAt = items.map((i) => i.createdAt);
    expect([...createdAt].sort().reverse()).toEqual(createdAt);
  });

  it('carries the plan’s indexed case id', async () => {
    const mine = await list(im1);
    expect(mine.find((i) => i.id === plans.im1.id)?.indexed).toMatchObject({
      caseId: plans.im1.data.header.caseId,
    });
  });
});

describe('each role reads its own scope', () => {
  it('a municipality lists only its own applications', async () => {
    const items = await list(weilheim);
    expect(items.map((i) => i.id)).toContain(weilheimSubmitted.id);
    expect(items.every((i) => i.org === 'weilheim-an-der-teck' && i.kind === 'funding')).toBe(true);
    expectError(await wendlingen.get(`/api/submissions?formId=${PLAN}`), 403, 'submission.list_forbidden');
  });

  it('a reviewer lists submitted applications of every organisation, never drafts, oldest waiting first', async () => {
    const ours = (items: Summary[]) =>
      items.map((i) => i.id).filter((id) => [...apps.map((a) => a.id), weilheimSubmitted.id].includes(id));
    const items = await list(reviewer);
    expect(ours(items)).toEqual([L(2), L(4), weilheimSubmitted.id]);
    expect(ours(await list(reviewer, 'sort=newest'))).toEqual([weilheimSubmitted.id, L(4), L(2)]);
    expect(items.every((i) => i.kind === 'funding' && i.revision >= 1)).toBe(true);
    const inReview = await list(reviewer, `formId=${FUNDING}&status=review`);
    expect(inReview.map((i) => i.id)).toEqual(expect.arrayContaining([weilheimSubmitted.id, L(4), L(2)]));
    expect(inReview.every((i) => i.status === 'review')).toBe(true);
  });

  it('a reviewer searches, filters and counts the work queue, each by one partition', async () => {
    const res = await reviewer.get('/api/submissions?limit=100');
    expect(res.body.counts.review).toBeGreaterThanOrEqual(3);
    const found = await list(reviewer, 'q=WENDLING');
    expect(found.map((i) => i.id)).toEqual(expect.arrayContaining([L(2), L(4)]));
    expect(found.map((i) => i.id)).not.toContain(weilheimSubmitted.id);
    expect(found.every((i) => i.org === apps[0]!.org)).toBe(true);
    const byKey = await list(reviewer, `q=${encodeURIComponent(apps[0]!.org.slice(0, 6))}`);
    expect(byKey.map((i) => i.id)).toEqual(expect.arrayContaining([L(2), L(4)]));
    expectError(await reviewer.get('/api/submissions?q=wend&district=x'), 400, 'queue.unsupported_filter');
    expectError(await wendlingen.get('/api/submissions?q=wend'), 400, 'queue.reviewers_only');
  });

  it('a reviewer takes, assigns and releases an application; the others see who works on it', async () => {
    const me = subOf('rp.pruefer1');
    const taken = await reviewer.post(`/api/submissions/${L(2)}/reviewer`, { userId: me });
    expect(taken.status, JSON.stringify(taken.body)).toBe(200);
    expect(taken.body.reviewer).toBe(me);
    expect((await list(reviewer, 'reviewer=me')).map((i) => i.id)).toEqual([L(2)]);
    expect((await list(reviewer, 'reviewer=none')).map((i) => i.id)).not.toContain(L(2));
    expect((await list(reviewer, 'reviewer=me&status=review')).map((i) => i.id)).toEqual([L(2)]);
    const listed = (await list(reviewer)).find((i) => i.id === L(2));
    expect(listed?.reviewer).toBe(me);
    const history = await reviewer.get(`/api/submissions/${L(2)}/history`);
    expect(history.body.items.at(-1)).toMatchObject({ type: 'reviewer', reviewer: me });
    expectError(
      await reviewer.post(`/api/submissions/${L(2)}/reviewer`, { userId: subOf('kirchheim.im1') }),
      400,
      'queue.reviewer_invalid',
    );
    expect((await wendlingen.post(`/api/submissions/${L(2)}/reviewer`, { userId: null })).status).toBe(403);
    const released = await reviewer.post(`/api/submissions/${L(2)}/reviewer`, { userId: null });
    expect(released.status).toBe(200);
    expect(released.body.reviewer).toBeUndefined();
    expect((await list(reviewer, 'reviewer=none')).map((i) => i.id)).toContain(L(2));
  });

  it('a manager lists only the plans assigned to them', async () => {
    for (const [api, plan, sub] of [
      [im1, plans.im1, 'kirchheim.im1'],
      [im2, plans.im2, 'kirchheim.im2'],
    ] as const) {
      for (const query of ['', `formId=${PLAN}`, 'status=draft']) {
        const items = await list(api, query);
        expect(items.map((i) => i.id)).toContain(plan.id);
        expect(items.every((i) => i.kind === 'case' && i.assignedTo === subOf(sub))).toBe(true);
      }
    }
    expectError(await im1.get(`/api/submissions?formId=${FUNDING}`), 403, 'submission.list_forbidden');
  });

  it("a coordinator lists every plan of their organisation and none of another's", async () => {
    const items = await list(coordinator);
    const ids = items.map((i) => i.id);
    expect(ids.filter((id) => [plans.im1.id, plans.im2.id, plans.plochingen.id].includes(id))).toEqual([
      plans.im2.id,
      plans.im1.id,
    ]);
    expect(items.every((i) => i.kind === 'case' && i.org === 'kirchheim-unter-teck')).toBe(true);
    const other = (await list(plochingenCoordinator)).map((i) => i.id);
    expect(other).toContain(plans.plochingen.id);
    expect(other).not.toContain(plans.im1.id);
  });
});

describe('cursors', () => {
  const firstCursor = async (api: ApiClient, query = '') => {
    const res = await api.get(`/api/submissions?limit=1${query ? `&${query}` : ''}`);
    expect(typeof res.body.nextCursor).toBe('string');
    return res.body.nextCursor as string;
  };
  const withCursor = (api: ApiClient, cursor: string, query = '') =>
    api.get(`/api/submissions?limit=1&cursor=${encodeURIComponent(cursor)}${query ? `&${query}` : ''}`);

  it("refuses another organisation's cursor, and a cursor of another list", async () => {
    const cursor = await firstCursor(wendlingen);
    expect((await withCursor(wendlingen, cursor)).status).toBe(200);
    expectError(await withCursor(weilheim, cursor), 400, 'list.bad_cursor');
    expectError(await withCursor(wendlingen, cursor, 'status=review'), 400, 'list.bad_cursor');
    expectError(await withCursor(reviewer, cursor), 400, 'list.bad_cursor');
    expectError(await withCursor(wendlingen, await firstCursor(reviewer)), 400, 'list.bad_cursor');
  });

  it('refuses garbage and tampered cursors with 400 list.bad_cursor, never 500', async () => {
    const real = JSON.parse(
      Buffer.from(await firstCursor(wendlingen), 'base64url').toString('utf8'),
    ) as Record<string, string>;
    const tampered = {
      garbage: 'not a cursor',
      notJson: Buffer.from('{{').toString('base64url'),
      partitionOnly: Buffer.from(JSON.stringify({ gsi1pk: real.gsi1pk })).toString('base64url'),
      numberKey: Buffer.from(JSON.stringify({ ...real, pk: 5 })).toString('base64url'),
      otherOrg: Buffer.from(JSON.stringify({ ...real, gsi1pk: 'O#weilheim-an-der-teck#funding' })).toString(
        'base64url',
      ),
    };
    for (const [name, cursor] of Object.entries(tampered)) {
      const res = await withCursor(wendlingen, cursor);
      expect({ name, status: res.status, code: res.body?.error?.code }).toEqual({
        name,
        status: 400,
        code: 'list.bad_cursor',
      });
    }
  });
});
