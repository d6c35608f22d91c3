/**
 * Planning frames by upload on the in-memory adapters, in the demo's current round: the preview writes
 * nothing, a file with one bad line in the middle writes nothing, a re-import shows its differences first
 * and never lowers a frame below what is reserved or approved.
 */
import { describe, expect, it } from 'vitest';
import { FUNDING, fundingData } from '../helpers/factories.ts';
import { memoryWorld } from '../helpers/memory.ts';

const ROUND = '2026-2027';
const HEADER =
  'municipality;district;electoral_district;planning_frame_eur;amount_is_rounded;basis_persons;source;ags';
const csv = (...lines: string[]) => `\uFEFF${[HEADER, ...lines].join('\r\n')}\r\n`;

const failure = (p: Promise<unknown>): Promise<Record<string, any>> =>
  p.then(
    () => ({}),
    (e: unknown) => e as Record<string, any>,
  );

describe('allocation upload', () => {
  it('previews without writing, and writes nothing when a line in the middle is bad', async () => {
    const world = await memoryWorld();
    const admin = world.actor('admin');
    const uploads = world.services.allocationImport;
    const before = await world.adapters.allocations.list(ROUND);
    const file = csv(
      'Kirchheim unter Teck;Landkreis Esslingen;Kirchheim unter Teck;220.000;no;270;Land;08116033',
      'Weilheim an der Teck;Landkreis Esslingen;Kirchheim unter Teck;70000,50;no;;Land;',
      'Notzingen;Landkreis Esslingen;Kirchheim unter Teck;25.000;no;;Land;',
    );
    const preview = await uploads.upload(admin, ROUND, file, { dryRun: true });
    expect(preview.written).toBe(false);
    expect(preview.problems.map((p) => [p.line, p.code])).toEqual([[3, 'import.amount_not_whole_euros']]);
    expect(preview.rows.map((r) => [r.line, r.org, r.frame, r.change])).toEqual([
      [2, 'kirchheim-unter-teck', 220_000, 'changed'],
      [4, 'notzingen', 25_000, 'changed'],
    ]);
    expect(await world.adapters.allocations.list(ROUND)).toEqual(before);

    const refused = await failure(uploads.upload(admin, ROUND, file, { dryRun: false }));
    expect(refused).toMatchObject({ status: 400, code: 'import.invalid' });
    expect(refused.details).toEqual([
      expect.objectContaining({
        pointer: '/lines/3/planning_frame_eur',
        code: 'import.amount_not_whole_euros',
      }),
    ]);
    expect(await world.adapters.allocations.list(ROUND)).toEqual(before);
    expect(
      await failure(uploads.upload(world.actor('kirchheim.kommune'), ROUND, file, { dryRun: true })),
    ).toMatchObject({ status: 403, code: 'import.forbidden' });
  });

  it('takes back the organisations it created and the keys it set when the frames cannot be written', async () => {
    const world = await memoryWorld();
    const admin = world.actor('admin');
    const before = await world.adapters.directory.listOrganisations();
    // The database gives way while the frames are written.
    world.adapters.allocations.importFrames = async () => {
      throw new Error('throttled');
    };
    const file = csv(
      'Kirchheim unter Teck;Landkreis Esslingen;Kirchheim unter Teck;213349;no;268;Land;08116033',
      'Neuhausen an der Fils;Landkreis Esslingen;Nürtingen;12.000;yes;;Land;',
    );
    await expect(
      world.services.allocationImport.upload(admin, ROUND, file, {
        dryRun: false,
        mappings: [{ line: 3, create: true as const }],
      }),
    ).rejects.toThrow('throttled');
    expect(await world.adapters.directory.listOrganisations()).toEqual(before);
  });

  it('imports all rows, maps unknown names, and shows the differences of a re-import first', async () => {
    const world = await memoryWorld();
    const admin = world.actor('admin');
    const uploads = world.services.allocationImport;
    const first = csv(
      'Kirchheim unter Teck;Landkreis Esslingen;Kirchheim unter Teck;213349;no;268;Land;08116033',
      'Weilheim a. d. Teck;Landkreis Esslingen;Kirchheim unter Teck;67.667;no;85;Land;',
      'Neuhausen an der Fils;Landkreis Esslingen;Nürtingen;12.000;yes;;Land;',
    );
    const unmapped = await uploads.upload(admin, ROUND, first, { dryRun: true });
    expect(unmapped.problems.map((p) => [p.line, p.code])).toEqual([
      [3, 'import.unknown_organisation'],
      [4, 'import.unknown_organisation'],
    ]);
    const mappings = [
      { line: 3, org: 'weilheim-an-der-teck' },
      { line: 4, create: true as const },
    ];
    const done = await uploads.upload(admin, ROUND, first, { dryRun: false, mappings });
    expect(done).toMatchObject({
      written: true,
      problems: [],
      summary: { new: 1, changed: 0, unchanged: 2 },
    });
    expect(await world.adapters.allocations.get(ROUND, 'neuhausen-an-der-fils')).toMatchObject({
      frame: 12_000,
      rounded: true,
    });
    const orgs = await world.adapters.directory.listOrganisations();
    expect(orgs.find((o) => o.id === 'neuhausen-an-der-fils')).toMatchObject({
      name: 'Neuhausen an der Fils',
    });
    expect(orgs.find((o) => o.id === 'kirchheim-unter-teck')?.ags).toBe('08116033');

    // Kirchheim applies and submits: 47,000 EUR are reserved against its frame.
    const kirchheim = world.actor('kirchheim.kommune');
    const app = await world.services.submissions.create(kirchheim, {
      formId: FUNDING,
      data: fundingData({
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
      }),
    });
    await world.submitFunding(kirchheim, app);

    const corrected = csv(
      'Kirchheim unter Teck;Landkreis Esslingen;Kirchheim unter Teck;40.000;no;268;Land;08116033',
      'Weilheim an der Teck;Landkreis Esslingen;Kirchheim unter Teck;70.000;no;85;Land;',
    );
    const diff = await uploads.upload(admin, ROUND, corrected, { dryRun: true });
    expect(diff.rows.map((r) => [r.org, r.change, r.previousFrame, r.frame])).toEqual([
      ['kirchheim-unter-teck', 'changed', 213_349, 40_000],
      ['weilheim-an-der-teck', 'changed', 67_667, 70_000],
    ]);
    expect(diff.problems.map((p) => [p.line, p.code])).toEqual([[2, 'import.below_debited']]);
    expect(diff.notInFile).toContain('neuhausen-an-der-fils');
    expect(await failure(uploads.upload(admin, ROUND, corrected, { dryRun: false }))).toMatchObject({
      code: 'import.invalid',
    });
    expect(await world.adapters.allocations.get(ROUND, 'weilheim-an-der-teck')).toMatchObject({
      frame: 67_667,
    });
  });

  it('reads comma-separated files without BOM and reports malformed CSV by line', async () => {
    const world = await memoryWorld();
    const admin = world.actor('admin');
    const ok = await world.services.allocationImport.upload(
      admin,
      ROUND,
      'municipality,planning_frame_eur\nNotzingen,"21.000"\n',
      { dryRun: true },
    );
    expect(ok.rows.map((r) => [r.org, r.frame])).toEqual([['notzingen', 21_000]]);
    const bad = await world.services.allocationImport.upload(
      admin,
      ROUND,
      'municipality,planning_frame_eur\nNotzingen,21000\nPlochingen,1,2\n',
      { dryRun: true },
    );
    expect(bad.problems.map((p) => [p.line, p.code])).toEqual([[3, 'import.malformed']]);
  });
});
