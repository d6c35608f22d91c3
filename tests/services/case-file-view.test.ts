/**
 * The case file ("Förderakte") on the in-memory adapters: the timeline and next steps an application answers as
 * it goes from the decision to payout and repayment claim, and the planning frames counting what was paid and
 * reclaimed in the same transactions.
 */
import { describe, expect, it } from 'vitest';
import fundingWorkflow from '../../forms/funding-application/workflow.json' with { type: 'json' };
import { objectKey } from '../../functions/core/attachments.ts';
import type { WorkflowDefinition } from '../../functions/core/forms.ts';
import type { Actor, Submission } from '../../functions/core/model.ts';
import { scopesOf } from '../../functions/core/scopes.ts';
import { etag } from '../../functions/services/submission-service.ts';
import { FUNDING, fundingData } from '../helpers/factories.ts';
import { minimalPdf } from '../helpers/files.ts';
import { type MemoryWorld, memoryWorld } from '../helpers/memory.ts';

type Json = Record<string, any>;

/** Marks the stored decision notified and final (the finality steps are tested elsewhere). */
async function setFinal(world: MemoryWorld, id: string, notifiedAt: string, finalAt: string) {
  const store = world.adapters.submissions;
  const sub = (await store.get(id)) as Submission;
  const next: Submission = {
    ...sub,
    version: sub.version + 1,
    decision: { ...sub.decision!, notifiedAt, finalAt },
  };
  const workflow = fundingWorkflow as WorkflowDefinition;
  await store.write({
    submission: next,
    expectedVersion: sub.version,
    event: {
      submissionId: id,
      version: next.version,
      type: 'reviewer',
      at: next.updatedAt,
      actor: { sub: 'test', name: 'test' },
      role: 'reviewer',
    },
    scopes: scopesOf(next, workflow),
    previousScopes: scopesOf(sub, workflow),
  });
}

async function submitChild(world: MemoryWorld, who: Actor, parentId: string, formId: string, data: Json) {
  const s = world.services.submissions;
  const child = await s.create(who, { formId, parentId });
  if (formId === 'proof-of-use') {
    const content = minimalPdf('Sachbericht');
    const { attachmentId } = await world.services.attachments.requestUpload(who, child.id, {
      filename: 'Sachbericht.pdf',
      contentType: 'application/pdf',
      size: content.byteLength,
      kind: 'narrative-report',
    });
    world.adapters.objects.upload(objectKey(child.id, attachmentId), content, 'application/pdf');
    await world.services.attachments.complete(who, child.id, attachmentId);
  }
  const saved = await s.save(who, child.id, etag(child.version), { data: { ...child.data, ...data } });
  return s.transition(who, child.id, etag(saved.version), { action: 'submit' });
}

describe('the case file of an application', () => {
  it('lists every step in order and what is due next; frames count payouts and claims', async () => {
    const world = await memoryWorld({ at: '2018-01-15T09:00:00.000Z' });
    const { services, actor } = world;
    const lead = actor('wendlingen.kommune');
    const reviewer = actor('rp.pruefer1');
    const draft = await services.submissions.create(lead, {
      formId: FUNDING,
      data: fundingData({
        positions: [
          {
            personName: 'Sara Muster',
            qualification: 'secondary',
            fte: 0.5,
            employer: 'Gemeinde',
            startDate: '2017-11-01',
            months: 24,
          },
        ],
      }),
    });
    expect((await services.followUp.caseFile(lead, draft.id)).nextSteps).toEqual([
      { kind: 'submit', by: 'applicant' },
    ]);
    await world.attachSigned(lead, draft);
    const submitted = await services.submissions.transition(lead, draft.id, etag(draft.version), {
      action: 'submit',
    });
    expect((await services.followUp.caseFile(reviewer, draft.id)).nextSteps).toEqual([
      { kind: 'decide', by: 'reviewer' },
    ]);
    await services.submissions.transition(reviewer, draft.id, etag(submitted.version), { action: 'approve' });

    // Ready for retrieval on 15 January 2018: within ten days.
    const decided = await services.followUp.caseFile(lead, draft.id);
    expect(decided.nextSteps[0]).toEqual({ kind: 'retrieve-decision', by: 'applicant', date: '2018-01-25' });
    expect(
      decided.timeline.map((e) =>
        e.kind === 'event' ? `${e.type}:${e.action ?? ''}` : e.kind === 'document' ? e.document.kind : e.kind,
      ),
    ).toEqual(['created:', 'transition:submit', 'receipt', 'transition:approve', 'decision']);

    await setFinal(world, draft.id, '2018-01-12', '2018-01-13');
    const request = await submitChild(world, lead, draft.id, 'payment-request', {
      amount: 30_000,
      period: { from: '2018-02-01', to: '2018-03-31' },
      declarations: { neededWithinTwoMonths: true },
    });
    const inReview = await services.followUp.caseFile(lead, draft.id);
    expect(inReview.nextSteps.slice(0, 2)).toEqual([
      { kind: 'review-record', by: 'reviewer', record: { id: request.id, formId: 'payment-request' } },
      // The funding period ends on 31 October 2019: funds until three months after, the proof of use then.
      { kind: 'call-funds', by: 'applicant', date: '2020-01-31' },
    ]);
    // Only a funding application has a case file.
    await expect(services.followUp.caseFile(lead, request.id)).rejects.toMatchObject({ status: 404 });
    // Payment releases are four-eyes: one reviewer proposes, another confirms.
    const proposed = await services.submissions.transition(reviewer, request.id, etag(request.version), {
      action: 'approve',
    });
    expect((await services.followUp.caseFile(reviewer, draft.id)).nextSteps[0]).toMatchObject({
      kind: 'review-record',
      by: 'reviewer',
    });
    const released = await services.submissions.transition(
      world.actor('rp.pruefer2'),
      request.id,
      etag(proposed.version),
      { action: 'confirm' },
    );
    expect((await services.followUp.caseFile(reviewer, draft.id)).nextSteps[0]).toMatchObject({
      kind: 'record-payout',
      by: 'reviewer',
    });
    await services.followUp.recordPayout(reviewer, request.id, released.version, '2018-01-20');

    const frame = async () =>
      ((await services.allocations.overview(reviewer, '2017-2018')).items as Json[]).find(
        (a) => a.org === 'wendlingen-am-neckar',
      );
    expect(await frame()).toMatchObject({ approved: 51_000, paid: 30_000, reclaimed: 0 });

    const positionId = ((await services.submissions.get(lead, draft.id)).data as Json).positions[0].id;
    const proof = await submitChild(world, lead, draft.id, 'proof-of-use', {
      kind: 'final',
      reportingPeriod: { from: '2017-11-01', to: '2019-10-31' },
      positions: [{ positionId, monthsFilled: 18, fte: 0.5, personnelCosts: 40_000 }],
      declarations: { correct: true },
    });
    await services.submissions.transition(reviewer, proof.id, etag(proof.version), {
      action: 'approve',
      decision: { repaymentClaim: { principal: 5_000, reason: 'Vertretung in zwei Monaten.' } },
    });
    expect(await frame()).toMatchObject({ approved: 51_000, paid: 30_000, reclaimed: 5_000 });
    const overview = await services.allocations.overview(reviewer, '2017-2018');
    expect(overview.totals).toMatchObject({ paid: 30_000, reclaimed: 5_000 });

    const done = await services.followUp.caseFile(lead, draft.id);
    // The final proof came in: only the call of what is left remains.
    expect(done.nextSteps).toEqual([{ kind: 'call-funds', by: 'applicant', date: '2020-01-31' }]);
    const kinds = done.timeline.map((e) => (e.kind === 'event' ? `${e.type}:${e.action ?? ''}` : e.kind));
    expect(kinds).toContain('notified');
    expect(kinds).toContain('final');
    expect(done.timeline.find((e) => e.kind === 'paid')).toMatchObject({ at: '2018-01-20', amount: 30_000 });
    expect(
      done.timeline
        .filter((e) => e.kind === 'event' && e.record?.formId === 'proof-of-use')
        .map((e) => e.kind),
    ).toHaveLength(3);
  });
});

describe('the demo grants', () => {
  it('show a final grant with a payout and a change notice, a refusal, and a proof of use due', async () => {
    const { services, actor } = await memoryWorld({ demoSubmissions: true, at: '2026-11-29T10:00:00.000Z' });
    const reviewer = actor('rp.pruefer1');
    const applications = async (username: string) =>
      (await services.submissions.list(actor(username), { formId: FUNDING })).items as Json[];
    const steps = async (username: string, status: string) => {
      const app = (await applications(username)).find(
        (a) => a.status === status && a.indexed.round === '2026-2027',
      );
      if (!app) return expect.unreachable(`${username} has an application ${status}`);
      return (await services.followUp.caseFile(actor(username), app.id)).nextSteps;
    };
    // Kirchheim: final (no finality step), the change notice in review, funds still to call.
    expect((await steps('kirchheim.kommune', 'approved')).map((s) => [s.kind, s.by])).toEqual([
      ['review-record', 'reviewer'],
      ['call-funds', 'applicant'],
      ['proof-of-use', 'applicant'],
    ]);
    // Weilheim: refused three days ago, to retrieve within ten days of it.
    expect(await steps('weilheim.kommune', 'rejected')).toEqual([
      { kind: 'retrieve-decision', by: 'applicant', date: '2026-12-06' },
    ]);
    // Wendlingen: the funding period ended on 31 October, the proof of use is due on 31 January.
    expect(await steps('wendlingen.kommune', 'approved')).toEqual([
      { kind: 'call-funds', by: 'applicant', date: '2027-01-31' },
      { kind: 'proof-of-use', by: 'applicant', date: '2027-01-31' },
    ]);
    const overview = await services.allocations.overview(reviewer, '2026-2027');
    expect((overview.items as Json[]).find((f) => f.org === 'kirchheim-unter-teck')).toMatchObject({
      approved: 94_000,
      paid: 23_500,
      reclaimed: 0,
    });
    expect(overview.districts.find((d) => d.district === 'Landkreis Esslingen')).toMatchObject({
      paid: 23_500,
      reclaimed: 0,
    });
  });
});
