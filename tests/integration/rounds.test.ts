/**
 * Funding rounds over HTTP: every signed-in role reads the published rounds and whether each is open; only
 * admins draft and publish; a published version is immutable and a correction is the next version.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, signIn } from '../helpers/factories.ts';
import { type ApiClient, startTestPlatform, type TestPlatform } from '../helpers/platform.ts';

let platform: TestPlatform;
let admin: ApiClient;
let kommune: ApiClient;
let reviewer: ApiClient;

beforeAll(async () => {
  platform = await startTestPlatform();
  [admin, kommune, reviewer] = await signIn(platform, 'admin', 'kirchheim.kommune', 'rp.pruefer1');
});
afterAll(async () => platform?.stop());

const round = (title: string) => ({
  title,
  fundingPeriod: { start: '2028-01-01', maxMonths: 24 },
  rates: { secondary: 49000 },
  minimumEntitlement: 49000,
  minimumFte: 0.25,
  applicationWindow: { opens: '2027-10-01', closes: '2027-12-31' },
  legalBasis: 'VwV Integrationsmanagement',
});

describe('rounds', () => {
  it('shows every role the published rounds, the current one open', async () => {
    for (const api of [kommune, reviewer]) {
      const res = await api.get('/api/rounds');
      expect(res.status).toBe(200);
      expect(res.body.items.map((r: { id: string; open: boolean }) => [r.id, r.open])).toEqual([
        ['2017-2018', true],
        ['2026-2027', true],
      ]);
    }
  });

  it('lets only admins save rounds', async () => {
    expectError(await kommune.post('/api/rounds', { id: '2028', round: round('x') }), 403, 'round.forbidden');
    expectError(
      await admin.post('/api/rounds', { id: '2028', round: { title: 'x' } }),
      400,
      'request.invalid',
    );
  });

  it('keeps a published version immutable: a correction is a new version', async () => {
    const draft = await admin.post('/api/rounds', { id: '2028', round: round('Entwurf 2028') });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ id: '2028', version: 1, status: 'draft', open: false });
    expect((await kommune.get('/api/rounds')).body.items.map((r: { id: string }) => r.id)).not.toContain(
      '2028',
    );

    const published = await admin.post('/api/rounds', {
      id: '2028',
      round: round('Runde 2028'),
      publish: true,
    });
    expect(published.body).toMatchObject({ version: 1, status: 'published', title: 'Runde 2028' });

    const correction = await admin.post('/api/rounds', {
      id: '2028',
      round: round('Runde 2028 (korrigiert)'),
    });
    expect(correction.body).toMatchObject({ version: 2, status: 'draft' });

    const seen = (await kommune.get('/api/rounds')).body.items.find((r: { id: string }) => r.id === '2028');
    expect(seen).toMatchObject({ version: 1, title: 'Runde 2028', status: 'published' });
    const adminView = (await admin.get('/api/rounds')).body.items.filter(
      (r: { id: string }) => r.id === '2028',
    );
    expect(adminView.map((r: { version: number; status: string }) => [r.version, r.status])).toEqual([
      [1, 'published'],
      [2, 'draft'],
    ]);
  });
});
