/**
 * Planning frames by CSV upload over HTTP (admin), in the demo's current round: the edge passes `text/csv`
 * through within its limit, a dry run lists every problem by line and writes nothing, a file with a bad line
 * in the middle writes nothing, the corrected file writes every row, and a re-import shows its differences.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, signIn } from '../helpers/factories.ts';
import { type ApiClient, startTestPlatform, type TestPlatform } from '../helpers/platform.ts';

let platform: TestPlatform;
let admin: ApiClient;
let reviewer: ApiClient;

beforeAll(async () => {
  platform = await startTestPlatform();
  [admin, reviewer] = await signIn(platform, 'admin', 'rp.pruefer1');
});
afterAll(async () => platform?.stop());

type Json = Record<string, any>;
const ROUND = '2026-2027';
const HEADER =
  'municipality;district;electoral_district;planning_frame_eur;amount_is_rounded;basis_persons;source';
const file = (...lines: string[]) => `\uFEFF${[HEADER, ...lines].join('\n')}\n`;
const upload = (api: ApiClient, csv: string, query = '', type = 'text/csv; charset=utf-8') =>
  api.request('POST', `/api/rounds/${ROUND}/allocations${query}`, {
    raw: csv,
    headers: { 'content-type': type },
  });
const frames = async () =>
  Object.fromEntries(
    ((await reviewer.get(`/api/allocations?round=${ROUND}`)).body.items as Json[]).map((a) => [
      a.org,
      a.frame,
    ]),
  );

describe('allocation upload', () => {
  it('previews by line, writes all rows or none, and shows the differences of a re-import', async () => {
    const before = await frames();
    const bad = file(
      'Kirchheim unter Teck;Landkreis Esslingen;Kirchheim unter Teck;220.000;no;270;Land',
      'Weilheim an der Teck;Landkreis Esslingen;Kirchheim unter Teck;70.000,50;no;;Land',
      'Notzingen;Landkreis Esslingen;Kirchheim unter Teck;25.000;no;;Land',
    );
    const preview = await upload(admin, bad, '?dryRun=true');
    expect(preview.status).toBe(200);
    expect(preview.body.problems.map((p: Json) => [p.line, p.code])).toEqual([
      [3, 'import.amount_not_whole_euros'],
    ]);
    expect(preview.body.written).toBe(false);
    expect(await frames()).toEqual(before);

    const refused = await upload(admin, bad);
    expectError(refused, 400, 'import.invalid');
    expect(refused.body.error.details.map((d: Json) => d.pointer)).toEqual(['/lines/3/planning_frame_eur']);
    expect(await frames()).toEqual(before);

    const fixed = bad.replace('70.000,50', '70.000');
    const done = await upload(admin, fixed);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ written: true, summary: { new: 0, changed: 3, unchanged: 0 } });
    expect(await frames()).toEqual({
      ...before,
      'kirchheim-unter-teck': 220_000,
      'weilheim-an-der-teck': 70_000,
      notzingen: 25_000,
    });

    const again = await upload(admin, fixed.replace('25.000', '26.000'), '?dryRun=true');
    expect(again.body.rows.map((r: Json) => [r.org, r.change, r.previousFrame ?? null])).toEqual([
      ['kirchheim-unter-teck', 'unchanged', 220_000],
      ['weilheim-an-der-teck', 'unchanged', 70_000],
      ['notzingen', 'changed', 25_000],
    ]);
  });

  it('maps an unknown row to an organisation given by the admin', async () => {
    const csv = file('Weilheim a. d. Teck;Landkreis Esslingen;Kirchheim unter Teck;71.000;no;;Land');
    // The preview names the row, for the admin to map it.
    expect((await upload(admin, csv, '?dryRun=true')).body.problems[0]).toMatchObject({
      code: 'import.unknown_organisation',
      name: 'Weilheim a. d. Teck',
    });
    // Sent as the browser encodes it.
    const mapped = await upload(admin, csv, `?${new URLSearchParams({ map: '2=weilheim-an-der-teck' })}`);
    expect(mapped.body).toMatchObject({ written: true, problems: [] });
    expect((await frames())['weilheim-an-der-teck']).toBe(71_000);
  });

  it('is for admins, takes only CSV and refuses what is too large', async () => {
    expectError(await upload(reviewer, file(), '?dryRun=true'), 403, 'import.forbidden');
    expectError(
      await upload(admin, file(), '?dryRun=true', 'application/json'),
      415,
      'request.unsupported_media_type',
    );
    const huge = file(
      ...Array.from({ length: 80_000 }, (_, i) => `Gemeinde ${i};Landkreis X;Y;1000;no;;Quelle`),
    );
    expectError(await upload(admin, huge, '?dryRun=true'), 413, 'request.too_large');
    const other = await admin.request('POST', '/api/rounds/2099-2100/allocations?dryRun=true', {
      raw: file(),
      headers: { 'content-type': 'text/csv' },
    });
    expectError(other, 404, 'round.not_found');
  });
});
