/**
 * The user administration over HTTP on the local platform: a user the admin invites signs in through the
 * local sign-in with the role and organisation given; a deactivated one cannot; other roles are refused; the
 * last admin stays.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, signIn } from '../helpers/factories.ts';
import { type ApiClient, startTestPlatform, type TestPlatform } from '../helpers/platform.ts';

let platform: TestPlatform;
let admin: ApiClient;
let manager: ApiClient;

beforeAll(async () => {
  platform = await startTestPlatform();
  [admin, manager] = await signIn(platform, 'admin', 'kirchheim.im1');
});
afterAll(async () => platform?.stop());

const login = (username: string) =>
  fetch(`${platform.url}/local/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username }),
  });

describe('user administration', () => {
  it('invites a user who then signs in locally with the role and organisation given, until deactivated', async () => {
    const invited = await admin.post('/api/users', {
      name: 'Nora Neumann',
      email: 'n.neumann@plochingen.example',
      role: 'municipality',
      org: 'plochingen',
    });
    expect(invited.status).toBe(201);
    expect(invited.body).toMatchObject({ username: 'n.neumann@plochingen.example', active: true });

    const signedIn = await login('n.neumann@plochingen.example');
    expect(signedIn.status).toBe(200);
    const me = await platform.as('n.neumann@plochingen.example').then((c) => c.get('/api/me'));
    expect(me.body).toMatchObject({ name: 'Nora Neumann', roles: ['municipality'], org: 'plochingen' });

    const off = await admin.request('PATCH', `/api/users/${encodeURIComponent(invited.body.sub)}`, {
      body: { active: false },
    });
    expect(off.body).toMatchObject({ active: false, allowed: expect.arrayContaining(['activate']) });
    expect((await login('n.neumann@plochingen.example')).status).toBe(403);
    const audit = await admin.get(`/api/users/${encodeURIComponent(invited.body.sub)}/audit`);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(['invite', 'change']);
  });

  it('refuses other roles what they may not do', async () => {
    expectError(
      await manager.post('/api/users', {
        name: 'X',
        email: 'x@kirchheim.example',
        role: 'manager',
        org: 'kirchheim-unter-teck',
      }),
      403,
      'users.manage_forbidden',
    );
    expectError(await manager.get('/api/users/u-admin/audit'), 403, 'users.audit_forbidden');
    // Managers still list their colleagues (to hand a plan over), by name and role only.
    const colleagues = await manager.get('/api/users?role=manager');
    expect(colleagues.body.items.map((u: { sub: string }) => u.sub)).toContain('u-kirchheim.im2');
    expect(colleagues.body.items[0].email).toBeUndefined();
  });

  it('keeps the last admin', async () => {
    expectError(
      await admin.request('PATCH', '/api/users/u-admin', { body: { role: 'reviewer' } }),
      409,
      'users.last_admin',
    );
    expect((await admin.get('/api/users?role=admin')).body.items).toEqual([
      expect.objectContaining({ sub: 'u-admin', active: true }),
    ]);
  });
});

describe("an organisation's profile over HTTP", () => {
  it('is kept by its municipality with If-Match; a wrong IBAN, a stale version and others are refused, changing nothing', async () => {
    const [clerk, reviewer, neighbour] = await signIn(
      platform,
      'notzingen.kommune',
      'rp.pruefer1',
      'kirchheim.kommune',
    );
    const path = '/api/organisations/notzingen/profile';
    const read = await clerk.get(path);
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe('"0"');
    const profile = {
      address: { street: 'Marktstraße', houseNumber: '14', postalCode: '73274', city: 'Notzingen' },
      contact: { name: 'Kim Muster', phone: '+49 7021 5555-12', email: 'k.muster@notzingen.example' },
      bankAccount: { accountHolder: 'Gemeindekasse Notzingen', iban: 'DE02 6005 0101 0002 0343 04' },
    };

    expectError(await clerk.put(path, profile), 428, 'profile.version_required');
    const badIban = { ...profile, bankAccount: { ...profile.bankAccount, iban: 'DE03600501010002034304' } };
    const refused = await clerk.put(path, badIban, { 'if-match': '"0"' });
    expectError(refused, 400, 'bank.iban_invalid');
    expect(refused.body.error.details[0].pointer).toBe('/bankAccount/iban');
    expectError(
      await clerk.put(path, { ...profile, address: { city: 'Notzingen' } }, { 'if-match': '"0"' }),
      400,
      'request.invalid',
    );
    expectError(await neighbour.put(path, profile, { 'if-match': '"0"' }), 403, 'profile.forbidden');
    expect((await reviewer.get(path)).status).toBe(403);
    expect((await clerk.get(path)).body.version).toBe(0);

    const saved = await clerk.put(path, profile, { 'if-match': '"0"' });
    expect(saved.status).toBe(200);
    expect(saved.headers.get('etag')).toBe('"1"');
    expect(saved.body).toMatchObject({ ...profile, version: 1, org: 'notzingen' });
    // A new application starts with it.
    expect((await clerk.get('/api/me')).body.orgProfile).toEqual(profile);
    expectError(await clerk.put(path, profile, { 'if-match': '"0"' }), 412, 'profile.changed');
  });
});
