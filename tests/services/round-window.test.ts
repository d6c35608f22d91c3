/**
 * The application window on the in-memory adapters: in the demo's current round (2026-2027, open from
 * 2026-01-01 to 2027-12-31, 47,000 EUR per FTE-year from the round registry) an application starts and is
 * first submitted only while the window is open or extended for its organisation; a returned one may always
 * be resubmitted.
 */
import { describe, expect, it } from 'vitest';
import { etag } from '../../functions/services/submission-service.ts';
import { FUNDING, fundingData } from '../helpers/factories.ts';
import { memoryWorld } from '../helpers/memory.ts';

const ROUND = '2026-2027';
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

const failure = (p: Promise<unknown>) =>
  p.then(
    () => ({}),
    (e: unknown) => e as Record<string, unknown>,
  );

describe('application window', () => {
  it('computes with the registry round and refuses starts and first submits after it closed', async () => {
    const world = await memoryWorld({ at: '2026-03-02T09:00:00.000Z' });
    const { services, actor } = world;
    const kirchheim = actor('kirchheim.kommune');
    const reviewer = actor('rp.pruefer1');

    // The rate comes from the registry: 0.5 × 47,000 × 24 / 12.
    const sent = await services.submissions.create(kirchheim, { formId: FUNDING, data: application() });
    expect(sent.data.budget).toMatchObject({ requestedTotal: 47_000 });
    await world.attachSigned(kirchheim, sent);
    const submitted = await services.submissions.transition(kirchheim, sent.id, etag(sent.version), {
      action: 'submit',
    });
    const returned = await services.submissions.transition(reviewer, sent.id, etag(submitted.version), {
      action: 'return',
      comment: 'Bitte die Stelle genauer beschreiben.',
    });
    const late = await services.submissions.create(kirchheim, { formId: FUNDING, data: application() });
    // Complete, with its signed application: only the window stops it.
    await world.attachSigned(kirchheim, late);

    world.clock.now = new Date('2027-12-31T23:30:00.000Z'); // 1 January 2028 in Berlin
    expect(
      await failure(services.submissions.create(kirchheim, { formId: FUNDING, data: application() })),
    ).toMatchObject({
      status: 409,
      code: 'round.closed',
    });
    expect(
      await failure(
        services.submissions.transition(kirchheim, late.id, etag(late.version), { action: 'submit' }),
      ),
    ).toMatchObject({ status: 409, code: 'round.closed' });
    // A returned application may always be resubmitted.
    const again = await services.submissions.transition(kirchheim, sent.id, etag(returned.version), {
      action: 'submit',
    });
    expect(again).toMatchObject({ status: 'review', revision: 2 });

    // A reviewer extends the window for Kirchheim: its late draft may now be submitted, others' not.
    expect(
      await failure(
        services.rounds.grantExtension(kirchheim, ROUND, {
          org: 'kirchheim-unter-teck',
          until: '2028-01-15',
          reason: 'x',
        }),
      ),
    ).toMatchObject({ status: 403, code: 'round.extension_forbidden' });
    const extension = await services.rounds.grantExtension(reviewer, ROUND, {
      org: 'kirchheim-unter-teck',
      until: '2028-01-15',
      reason: 'Stellenbesetzung verzögert',
    });
    expect(extension).toMatchObject({
      grantedBy: { sub: reviewer.sub },
      grantedAt: '2027-12-31T23:30:00.000Z',
    });
    const lateSubmitted = await services.submissions.transition(kirchheim, late.id, etag(late.version), {
      action: 'submit',
    });
    expect(lateSubmitted.status).toBe('review');
    expect(
      await failure(
        services.submissions.create(actor('weilheim.kommune'), { formId: FUNDING, data: application() }),
      ),
    ).toMatchObject({ code: 'round.closed' });

    world.clock.now = new Date('2028-01-16T09:00:00.000Z');
    expect(
      await failure(services.submissions.create(kirchheim, { formId: FUNDING, data: application() })),
    ).toMatchObject({
      code: 'round.closed',
    });
  });

  it('refuses an application before its round opens', async () => {
    const world = await memoryWorld({ at: '2025-12-31T09:00:00.000Z' });
    expect(
      await failure(
        world.services.submissions.create(world.actor('kirchheim.kommune'), {
          formId: FUNDING,
          data: application(),
        }),
      ),
    ).toMatchObject({ status: 409, code: 'round.closed' });
  });
});
