/**
 * An application keeps the round version it started in: a correction published later (a new version with
 * another rate) changes neither its computed amounts nor its submit; a new application starts in the
 * correction; an application whose draft moves to another round is pinned to that round's latest version.
 */
import { describe, expect, it } from 'vitest';
import type { RoundFields } from '../../functions/core/rounds.ts';
import { etag } from '../../functions/services/submission-service.ts';
import { FUNDING, fundingData } from '../helpers/factories.ts';
import { memoryWorld } from '../helpers/memory.ts';

const ROUND = '2026-2027';
const application = (round = ROUND) =>
  fundingData({
    round,
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

/** The round's fields as published, to publish a correction with another rate. */
function fieldsOf(version: Record<string, unknown>): RoundFields {
  const {
    id,
    version: _v,
    status,
    createdAt,
    createdBy,
    publishedAt,
    publishedBy,
    open,
    ...fields
  } = version;
  return fields as unknown as RoundFields;
}

describe('round pinning', () => {
  it('keeps the rates of the version an application started in', async () => {
    const world = await memoryWorld({ at: '2026-03-02T09:00:00.000Z' });
    const { services, actor } = world;
    const kirchheim = actor('kirchheim.kommune');
    const admin = actor('admin');

    const started = await services.submissions.create(kirchheim, { formId: FUNDING, data: application() });
    const current = (await services.rounds.current(ROUND))!;
    expect(started.roundPin).toEqual({ round: ROUND, version: current.version });
    expect(started.data.budget).toMatchObject({ requestedTotal: 47_000 });

    // A correction: 50,000 EUR per FTE-year for every tier.
    const fields = fieldsOf(current as unknown as Record<string, unknown>);
    const corrected = await services.rounds.save(admin, {
      id: ROUND,
      round: { ...fields, rates: { secondary: 50_000, bachelor: 50_000, master: 50_000 } } as never,
      publish: true,
    });
    expect(corrected.version).toBe(current.version + 1);

    // The started one saves and submits with its own version's rate.
    const saved = await services.submissions.save(kirchheim, started.id, etag(started.version), {
      data: application(),
    });
    expect(saved.roundPin).toEqual({ round: ROUND, version: current.version });
    expect(saved.data.budget).toMatchObject({ requestedTotal: 47_000 });
    await world.attachSigned(kirchheim, started);
    const submitted = await services.submissions.transition(kirchheim, started.id, etag(saved.version), {
      action: 'submit',
    });
    expect(submitted.status).toBe('review');
    expect(submitted.data.budget).toMatchObject({ requestedTotal: 47_000 });
    expect(submitted.roundPin).toEqual({ round: ROUND, version: current.version });

    // A new one starts in the correction.
    const fresh = await services.submissions.create(kirchheim, { formId: FUNDING, data: application() });
    expect(fresh.roundPin).toEqual({ round: ROUND, version: corrected.version });
    expect(fresh.data.budget).toMatchObject({ requestedTotal: 50_000 });
  });
});
