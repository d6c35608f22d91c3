/**
 * The application window over HTTP, in the demo's current round (2026-2027): while it is open an application
 * starts and is submitted; once an admin's correction (version 2) has closed it, a new start and a first
 * submit answer 409 `round.closed`, a returned application is resubmitted, and a reviewer's extension lets
 * one organisation submit its draft.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { berlinDate } from '../../functions/core/retention.ts';
import {
  act,
  actOk,
  attachSignedApplication,
  expectError,
  FUNDING,
  fundingData,
  signIn,
  start,
  submitFunding,
} from '../helpers/factories.ts';
import { type ApiClient, startTestPlatform, type TestPlatform } from '../helpers/platform.ts';

let platform: TestPlatform;
let admin: ApiClient;
let kirchheim: ApiClient;
let weilheim: ApiClient;
let reviewer: ApiClient;

beforeAll(async () => {
  platform = await startTestPlatform({ seed: true });
  [admin, kirchheim, weilheim, reviewer] = await signIn(
    platform,
    'admin',
    'kirchheim.kommune',
    'weilheim.kommune',
    'rp.pruefer1',
  );
});
afterAll(async () => platform?.stop());

const ROUND = '2026-2027';
const day = (offset: number) => berlinDate(new Date(Date.now() + offset * 86_400_000));
const application = () =>
  fundingData({
    round: ROUND,
    positions: [
      {
        personName: 'Sara Muster',
        qualification: 'secondary',
        fte: 0.5,
        employer: 'Gemeinde',
        startDate: '2026-04-01',
        months: 24,
        requestedAmount: 1,
      },
    ],
  });

describe('application window', () => {
  it('is enforced for starts and first submits, never for resubmits, and extended per organisation', async () => {
    const sent = await start(kirchheim, FUNDING, application());
    expect(sent.data.budget).toMatchObject({ requestedTotal: 47_000 });
    const submitted = await submitFunding(kirchheim, sent);
    const returned = await actOk(reviewer, submitted, 'return', 'Bitte ergänzen.');
    const draft = await start(kirchheim, FUNDING, application());
    const otherDraft = await start(weilheim, FUNDING, application());
    // Both complete, with their signed applications: only the window can stop them.
    await attachSignedApplication(kirchheim, draft);
    await attachSignedApplication(weilheim, otherDraft);

    // An admin corrects the round: version 2 closed yesterday.
    const current = (await admin.get('/api/rounds')).body.items.find((r: { id: string }) => r.id === ROUND);
    const { id, version, status, createdAt, createdBy, publishedAt, publishedBy, open, ...fields } = current;
    expect(open).toBe(true);
    const closed = await admin.post('/api/rounds', {
      id: ROUND,
      round: { ...fields, applicationWindow: { opens: '2026-01-01', closes: day(-1) } },
      publish: true,
    });
    expect(closed.body).toMatchObject({ version: 2, status: 'published', open: false });

    expectError(
      await kirchheim.post('/api/submissions', { formId: FUNDING, data: application() }),
      409,
      'round.closed',
    );
    expectError(await act(kirchheim, draft, 'submit'), 409, 'round.closed');
    expect((await actOk(kirchheim, returned, 'submit')).status).toBe('review');

    expectError(
      await kirchheim.post(`/api/rounds/${ROUND}/extensions`, {
        org: 'kirchheim-unter-teck',
        until: day(14),
        reason: 'Stellenbesetzung verzögert',
      }),
      403,
      'round.extension_forbidden',
    );
    expectError(
      await reviewer.post('/api/rounds/2099-2100/extensions', {
        org: 'kirchheim-unter-teck',
        until: day(14),
        reason: 'x',
      }),
      404,
      'round.not_found',
    );
    expectError(
      await reviewer.post(`/api/rounds/${ROUND}/extensions`, { org: 'nowhere', until: day(14), reason: 'x' }),
      404,
      'organisation.not_found',
    );
    const extension = await reviewer.post(`/api/rounds/${ROUND}/extensions`, {
      org: 'kirchheim-unter-teck',
      until: day(14),
      reason: 'Stellenbesetzung verzögert',
    });
    expect(extension.status).toBe(201);
    expect(extension.body).toMatchObject({
      org: 'kirchheim-unter-teck',
      grantedBy: { sub: 'u-rp.pruefer1' },
    });
    expect((await actOk(kirchheim, draft, 'submit')).status).toBe('review');
    expectError(await act(weilheim, otherDraft, 'submit'), 409, 'round.closed');
  });
});
