import { describe, expect, it } from 'vitest';
import planSample from '../../forms/integration-plan/samples/valid-minimal.json' with { type: 'json' };
import { DynamoAccessLogStore } from '../../functions/adapters/dynamodb/access-log.ts';
import { DynamoSubmissionStore } from '../../functions/adapters/dynamodb/submission-store.ts';
import { isAppError } from '../../functions/core/errors.ts';
import type { Submission } from '../../functions/core/model.ts';
import { localTable } from '../helpers/dynamo.ts';
import { actor, memoryServices } from '../helpers/services.ts';

const table = localTable('stored-size');
/** The same use cases on the in-memory stores, and on the DynamoDB adapters against DynamoDB Local. */
const SETUPS: Array<
  [string, (users: Parameters<typeof memoryServices>[0]) => ReturnType<typeof memoryServices>]
> = [
  ['memory', (users) => memoryServices(users)],
  [
    'dynamodb',
    (users) =>
      memoryServices(users, undefined, {
        submissions: new DynamoSubmissionStore(table.doc, table.tableName),
        accessLog: new DynamoAccessLogStore(table.doc, table.tableName),
      }),
  ],
];

/**
 * Sizes are bounded before any work is done, measured on what will be stored (server-assigned ids included),
 * and a plan that was accepted stays workable: it can still be returned with a comment and have a consent
 * withdrawn. The in-memory store applies DynamoDB's item and transaction limits.
 */
const ORG = 'kirchheim-unter-teck';
const im = actor('im1', 'manager', ORG);
const coord = actor('koordination', 'coordinator', ORG);
const etag = (s: Submission) => `"${s.version}"`;

async function status(run: () => Promise<unknown>): Promise<number> {
  try {
    await run();
    return 200;
  } catch (error) {
    if (isAppError(error)) return error.status;
    throw error;
  }
}

function healthPlan(goals: number): Record<string, any> {
  const data = structuredClone(planSample) as Record<string, any>;
  data.consent.health = { given: true, date: '2026-01-05' };
  data.health = { notes: 'Notiz' };
  data.goals = Array.from({ length: goals }, (_, i) => ({
    area: 'language',
    title: `${i} ${'Ü'.repeat(290)}`,
    status: 'open',
  }));
  return data;
}

/** The largest plan (in steps of 25 goals) that is accepted. */
async function largestAccepted(s: ReturnType<typeof memoryServices>) {
  let best: Submission | undefined;
  for (let goals = 100; goals < 2000; goals += 25) {
    try {
      best = await s.submissionService.create(im, { formId: 'integration-plan', data: healthPlan(goals) });
    } catch (error) {
      if (isAppError(error) && best) return best;
      throw error;
    }
  }
  throw new Error('no size limit reached');
}

describe.each(SETUPS)('stored sizes (%s)', (_name, services) => {
  it('20,000 empty goals are refused with 413 before anything is written', async () => {
    const s = services([im]);
    const data = { ...structuredClone(planSample), goals: Array.from({ length: 20_000 }, () => ({})) };
    expect(JSON.stringify(data).length).toBeLessThan(256 * 1024);
    expect(await status(() => s.submissionService.create(im, { formId: 'integration-plan', data }))).toBe(
      413,
    );
    const small = await s.submissionService.create(im, { formId: 'integration-plan', data: planSample });
    expect(await status(() => s.submissionService.save(im, small.id, etag(small), { data }))).toBe(413);
    expect((await s.submissions.get(small.id))?.version).toBe(small.version);
  });

  it('the largest plan accepted can still be returned with a long comment and have every consent withdrawn', async () => {
    const s = services([im, coord]);
    let plan = await largestAccepted(s);
    plan = await s.submissionService.transition(im, plan.id, etag(plan), { action: 'submit' });
    plan = await s.submissionService.transition(coord, plan.id, etag(plan), {
      action: 'return',
      comment: '€'.repeat(4000),
    });
    plan = await s.submissionService.transition(im, plan.id, etag(plan), { action: 'submit' });
    plan = await s.submissionService.transition(coord, plan.id, etag(plan), { action: 'approve' });
    // Many continuations: every revision holds the health notes.
    for (let i = 0; i < 14; i++) {
      plan = await s.submissionService.transition(im, plan.id, etag(plan), { action: 'amend' });
      plan = await s.submissionService.transition(im, plan.id, etag(plan), { action: 'submit' });
    }
    expect(plan.revision).toBeGreaterThan(14);
    plan = await s.privacyService.withdrawConsent(coord, plan.id, etag(plan), { purpose: 'health' });
    for (let n = 1; n <= plan.revision; n++)
      expect((await s.submissions.getRevision(plan.id, n))?.data.health).toBeUndefined();
    plan = await s.privacyService.withdrawConsent(im, plan.id, etag(plan), { purpose: 'storage' });
    expect(plan.locked).toBe(true);
  });
});
