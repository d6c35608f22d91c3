/**
 * The yearly key-figure report on the in-memory adapters, with the demo data: the coordinator confirms the
 * organisation's figures of the year before exactly as the state sees them; the reviewer sees who came in.
 */
import { describe, expect, it } from 'vitest';
import { memoryWorld } from '../helpers/memory.ts';

type Json = Record<string, any>;

const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: unknown) => e as Json,
  );

describe('key-figure reports', () => {
  it('store what the coordinator confirmed, as reviewers see it, and show the reviewer who came in', async () => {
    const { services, actor, clock } = await memoryWorld({
      demoSubmissions: true,
      at: '2027-01-20T09:00:00.000Z',
    });
    const coordinator = actor('kirchheim.koordination');
    const reviewer = actor('rp.pruefer1');
    const org = 'kirchheim-unter-teck';

    // Before confirming, the coordinator sees the figures as they would go to the state.
    const preview = await services.keyFigureReports.get(coordinator, 2026, org);
    const stateView = (await services.reports.keyFigures(reviewer, { year: 2026, org })).figures;
    expect(preview).toMatchObject({ status: 'missing', dueDate: '2027-01-31', figures: stateView });
    // The reviewer learns nothing before it came in.
    expect(await services.keyFigureReports.get(reviewer, 2026, org)).not.toHaveProperty('figures');

    // Confirmed after 31 January: it came in late.
    clock.advance(30);
    const confirmed = await services.keyFigureReports.confirm(coordinator, { year: 2026 });
    expect(confirmed).toMatchObject({
      status: 'confirmed',
      figures: stateView,
      confirmedBy: { sub: coordinator.sub, name: coordinator.name },
      onTime: false,
    });
    expect(JSON.stringify(confirmed.figures)).not.toMatch(/caseId|personName|submissionId/);
    // Suppressed as for the state: no plain counts, only published cells.
    expect(confirmed.figures?.plans.active).toHaveProperty('suppressed');

    const overview = await services.keyFigureReports.overview(reviewer, 2026);
    expect(overview.items.find((i) => i.org === org)).toMatchObject({
      status: 'confirmed',
      confirmedAt: '2027-02-19T09:00:00.000Z',
      onTime: false,
    });
    // The demo data: Plochingen's coordinator confirmed on time; Weilheim has no report.
    expect(overview.items.find((i) => i.org === 'plochingen')).toMatchObject({
      status: 'confirmed',
      onTime: true,
    });
    expect(overview.items.find((i) => i.org === 'weilheim-an-der-teck')).toMatchObject({ status: 'missing' });
    expect(overview.items.some((i) => i.org === 'rp-stuttgart' || i.orgName.startsWith('Regierungs'))).toBe(
      false,
    );
    expect(await services.keyFigureReports.get(reviewer, 2026, org)).toMatchObject({ figures: stateView });

    // Once, for a finished year, by the organisation's own coordinator only.
    expect(await failure(services.keyFigureReports.confirm(coordinator, { year: 2026 }))).toMatchObject({
      status: 409,
      code: 'key_figure_report.already_confirmed',
    });
    expect(await failure(services.keyFigureReports.confirm(coordinator, { year: 2027 }))).toMatchObject({
      status: 409,
      code: 'key_figure_report.year_open',
    });
    expect(
      await failure(services.keyFigureReports.get(actor('plochingen.koordination'), 2026, org)),
    ).toMatchObject({ status: 404 });
    expect(
      await failure(services.keyFigureReports.confirm(actor('kirchheim.im1'), { year: 2026 })),
    ).toMatchObject({
      status: 403,
    });
    expect(await failure(services.keyFigureReports.overview(coordinator, 2026))).toMatchObject({
      status: 403,
    });
  });
});
