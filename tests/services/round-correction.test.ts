/**
 * A reviewer applies a later correction of the round to a decision: the application stays pinned to the
 * version it started in; the proposal reports the later version and, asked for it, prices the positions with
 * its rates (never above what was requested) and offers its conditions; the decision records both versions,
 * and its letter uses the applied version's legal basis.
 */
import { describe, expect, it } from 'vitest';
import type { DocumentModel } from '../../functions/core/documents/model.ts';
import type { RoundFields } from '../../functions/core/rounds.ts';
import { caseFileService } from '../../functions/lib/services.ts';
import { etag } from '../../functions/services/submission-service.ts';
import { FUNDING, fundingData } from '../helpers/factories.ts';
import { memoryWorld } from '../helpers/memory.ts';

const ROUND = '2026-2027';
const CORRECTED_BASIS = 'VwV Integrationsmanagement in der berichtigten Fassung vom 1. März 2026';

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

function fieldsOf(version: object): RoundFields {
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
  } = version as Record<string, unknown>;
  return fields as unknown as RoundFields;
}

async function inReviewThenCorrected() {
  const world = await memoryWorld({ at: '2026-03-02T09:00:00.000Z' });
  const { services, actor } = world;
  const owner = actor('kirchheim.kommune');
  const started = await services.submissions.create(owner, { formId: FUNDING, data: application() });
  const submitted = await world.submitFunding(owner, started);
  const pinned = (await services.rounds.current(ROUND))!;
  const fields = fieldsOf(pinned);
  // The correction: a lower rate, a further condition, another legal basis.
  const corrected = await services.rounds.save(actor('admin'), {
    id: ROUND,
    round: {
      ...fields,
      rates: { ...fields.rates, secondary: 40_000 },
      legalBasis: CORRECTED_BASIS,
      conditions: [
        ...(fields.conditions ?? []),
        { code: 'korrektur', de: 'Es gilt der berichtigte Fördersatz.', en: 'The corrected rate applies.' },
      ],
    } as never,
    publish: true,
  });
  return { world, submitted, pinned, corrected, reviewer: actor('rp.pruefer1') };
}

/** Renders the decision letter of an application and answers the model the renderer was given. */
async function letterModel(world: Awaited<ReturnType<typeof memoryWorld>>, id: string) {
  const models: DocumentModel[] = [];
  const caseFiles = caseFileService({
    ...world.adapters,
    renderer: {
      render: async (model) => {
        models.push(model);
        return new TextEncoder().encode('%PDF-1.7\n');
      },
    },
  });
  const documents = (await caseFiles.list(world.actor('rp.pruefer1'), id)).items;
  const letter = documents.find((d) => d.kind === 'decision');
  expect(letter).toBeDefined();
  await caseFiles.render(id, letter!.id);
  return JSON.stringify(models.at(-1));
}

describe('a later correction of the round in a decision', () => {
  it('is reported by the proposal and, when asked for, prices the positions with its rates', async () => {
    const { world, submitted, pinned, corrected, reviewer } = await inReviewThenCorrected();
    expect(submitted.roundPin).toEqual({ round: ROUND, version: pinned.version });
    const decisions = world.services.decisions;

    const plain = await decisions.proposal(reviewer, submitted.id);
    expect(plain).toMatchObject({
      requestedAmount: 47_000,
      approvedAmount: 47_000,
      round: { id: ROUND, pinned: pinned.version, applied: pinned.version, latest: corrected.version },
    });
    expect(plain.positions[0]).not.toHaveProperty('correctedAmount');
    expect(plain.conditions.map((c) => c.code)).not.toContain('korrektur');

    const later = await decisions.proposal(reviewer, submitted.id, undefined, corrected.version);
    expect(later).toMatchObject({
      requestedAmount: 47_000,
      approvedAmount: 40_000,
      round: { applied: corrected.version },
    });
    expect(later.positions).toEqual([
      expect.objectContaining({ requestedAmount: 47_000, correctedAmount: 40_000, approvedAmount: 40_000 }),
    ]);
    expect(later.conditions.map((c) => c.code)).toContain('korrektur');

    await expect(decisions.proposal(reviewer, submitted.id, undefined, 99)).rejects.toMatchObject({
      status: 409,
      code: 'decision.round_version_unknown',
    });
  });

  it('is recorded in the decision with the pinned version, and its letter uses that version', async () => {
    const { world, submitted, pinned, corrected, reviewer } = await inReviewThenCorrected();
    const { services } = world;
    await expect(
      services.submissions.transition(reviewer, submitted.id, etag(submitted.version), {
        action: 'approve',
        decision: { roundVersion: 99 },
      }),
    ).rejects.toMatchObject({ status: 409, code: 'decision.round_version_unknown' });

    const approved = await services.submissions.transition(reviewer, submitted.id, etag(submitted.version), {
      action: 'approve',
      decision: {
        roundVersion: corrected.version,
        approvedAmount: 40_000,
        reason: 'Berichtigter Fördersatz der Förderrunde.',
        conditionKeys: ['korrektur'],
      },
    });
    expect(approved.decision).toMatchObject({
      approvedAmount: 40_000,
      roundVersion: corrected.version,
      pinnedRoundVersion: pinned.version,
      conditionKeys: ['korrektur'],
      conditions: ['Es gilt der berichtigte Fördersatz.'],
    });
    // The application itself stays in the version it started in.
    expect(approved.roundPin).toEqual({ round: ROUND, version: pinned.version });

    expect(await letterModel(world, submitted.id)).toContain(CORRECTED_BASIS);
  });

  it('is not applied when the reviewer does not choose it: the pinned version decides', async () => {
    const { world, submitted, reviewer } = await inReviewThenCorrected();
    const { submissions } = world.services;
    // The correction's condition is not in the pinned version's catalogue.
    await expect(
      submissions.transition(reviewer, submitted.id, etag(submitted.version), {
        action: 'approve',
        decision: { conditionKeys: ['korrektur'] },
      }),
    ).rejects.toMatchObject({ status: 400, code: 'decision.invalid' });
    const approved = await submissions.transition(reviewer, submitted.id, etag(submitted.version), {
      action: 'approve',
      decision: { conditionKeys: ['anbest-k'] },
    });
    expect(approved.decision).toMatchObject({ approvedAmount: 47_000, conditionKeys: ['anbest-k'] });
    expect(approved.decision).not.toHaveProperty('roundVersion');
    // Its letter cites the pinned version's legal basis, not the correction's.
    const letter = await letterModel(world, submitted.id);
    expect(letter).toContain('VwV Integrationsmanagement');
    expect(letter).not.toContain(CORRECTED_BASIS);
  });
});
