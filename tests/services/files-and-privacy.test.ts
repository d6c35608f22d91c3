/**
 * Attachments (with the in-memory object storage and the EICAR scanner), consent, the access log, the
 * subject-access export, erasure and key figures, on the in-memory adapters.
 */
import { describe, expect, it } from 'vitest';
import { objectKey } from '../../functions/core/attachments.ts';
import type { Actor, Submission } from '../../functions/core/model.ts';
import { etag } from '../../functions/services/submission-service.ts';
import { PLAN, planData, uniqueCaseId } from '../helpers/factories.ts';
import { eicarPdf, minimalPdf } from '../helpers/files.ts';
import { type MemoryWorld, memoryWorld } from '../helpers/memory.ts';

async function draftPlan(world: MemoryWorld, data = planData({ caseId: uniqueCaseId() })) {
  return world.services.submissions.create(world.actor('kirchheim.im1'), { formId: PLAN, data });
}

async function agree(world: MemoryWorld, plan: Submission): Promise<Submission> {
  const { submissions } = world.services;
  const submitted = await submissions.transition(world.actor('kirchheim.im1'), plan.id, etag(plan.version), {
    action: 'submit',
  });
  return submissions.transition(world.actor('kirchheim.koordination'), plan.id, etag(submitted.version), {
    action: 'approve',
  });
}

/** Asks for an upload, puts the bytes where the presigned POST points, and confirms. */
async function attach(
  world: MemoryWorld,
  actor: Actor,
  id: string,
  content: Buffer,
  filename = 'Zeugnis.pdf',
) {
  const { attachmentId, upload } = await world.services.attachments.requestUpload(actor, id, {
    filename,
    contentType: 'application/pdf',
    size: content.byteLength,
  });
  expect(upload.fields.key).toBe(objectKey(id, attachmentId));
  world.adapters.objects.upload(objectKey(id, attachmentId), content, 'application/pdf');
  return { attachmentId, complete: () => world.services.attachments.complete(actor, id, attachmentId) };
}

describe('attachments', () => {
  it('are checked on complete, moved out of quarantine, frozen with the revision and downloadable', async () => {
    const world = await memoryWorld();
    const manager = world.actor('kirchheim.im1');
    const plan = await draftPlan(world);
    const pdf = minimalPdf('Zeugnis');
    const { attachmentId, complete } = await attach(world, manager, plan.id, pdf);
    const done = await complete();
    expect(done).toMatchObject({ status: 200, attachment: { state: 'available', filename: 'Zeugnis.pdf' } });
    const key = objectKey(plan.id, attachmentId);
    expect(world.adapters.objects.peek('quarantine', key)).toBeUndefined();
    expect(world.adapters.objects.peek('attachments', key)?.content).toEqual(new Uint8Array(pdf));

    const agreed = await agree(world, await world.services.submissions.get(manager, plan.id));
    expect(agreed.status).toBe('approved');
    const link = await world.services.attachments.download(manager, plan.id, attachmentId);
    expect(link.url).toBe(`memory://attachments/${key}`);
    // Frozen with the revision: no longer removable.
    await expect(world.services.attachments.remove(manager, plan.id, attachmentId)).rejects.toMatchObject({
      status: 409,
    });
  });

  it('refuses a file with the EICAR signature and one of another size, deleting them', async () => {
    const world = await memoryWorld();
    const manager = world.actor('kirchheim.im1');
    const plan = await draftPlan(world);
    const infected = await attach(world, manager, plan.id, eicarPdf());
    await expect(infected.complete()).rejects.toMatchObject({
      status: 400,
      code: 'attachments.malware_found',
    });
    expect(
      world.adapters.objects.peek('quarantine', objectKey(plan.id, infected.attachmentId)),
    ).toBeUndefined();

    const { attachmentId, upload } = await world.services.attachments.requestUpload(manager, plan.id, {
      filename: 'kurz.pdf',
      contentType: 'application/pdf',
      size: 10_000,
    });
    world.adapters.objects.upload(upload.fields.key ?? '', minimalPdf(), 'application/pdf');
    await expect(world.services.attachments.complete(manager, plan.id, attachmentId)).rejects.toMatchObject({
      status: 400,
      code: 'attachments.size_mismatch',
    });
    const states = (await world.services.attachments.list(manager, plan.id)).map((a) => a.state);
    expect(states).toEqual(['rejected', 'rejected']);
  });
});

describe('consent, access log and export', () => {
  it('withdrawing storage consent locks the plan at once; it is hidden when due and erased by the job', async () => {
    const world = await memoryWorld();
    const manager = world.actor('kirchheim.im1');
    const coordinator = world.actor('kirchheim.koordination');
    const agreed = await agree(world, await draftPlan(world));
    const locked = await world.services.privacy.withdrawConsent(manager, agreed.id, etag(agreed.version), {
      purpose: 'storage',
      withdrawnAt: '2026-03-02',
    });
    expect(locked).toMatchObject({ locked: true, erasureDueAt: '2026-09-02', version: agreed.version + 1 });
    await expect(
      world.services.submissions.transition(manager, agreed.id, etag(locked.version), { action: 'amend' }),
    ).rejects.toMatchObject({ status: 409, code: 'submission.locked' });

    world.clock.advance(184);
    await expect(world.services.submissions.get(coordinator, agreed.id)).rejects.toMatchObject({
      status: 404,
    });
    const report = await world.services.erasure.eraseDue(world.adapters.now());
    expect(report).toMatchObject({ erased: [agreed.id], failed: [] });
    expect(await world.adapters.submissions.get(agreed.id)).toBeUndefined();
  });

  it('withdrawing health consent removes the health data from the working copy and every revision', async () => {
    const world = await memoryWorld();
    const manager = world.actor('kirchheim.im1');
    const data = planData({ caseId: uniqueCaseId() });
    data.consent.health = { given: true, date: '2026-01-05', language: 'Arabisch' };
    data.health = { notes: 'Geheime Gesundheitsnotiz' };
    data.goals = [
      { area: 'language', title: 'B1 erreichen', status: 'open' },
      { area: 'health', title: 'Geheimes Gesundheitsziel', status: 'in_progress' },
    ];
    const agreed = await agree(world, await draftPlan(world, data));
    const redacted = await world.services.privacy.withdrawConsent(manager, agreed.id, etag(agreed.version), {
      purpose: 'health',
      withdrawnAt: '2026-03-02',
    });
    expect(JSON.stringify(redacted.data)).not.toMatch(/Geheim/);
    expect(redacted.data.consent).toMatchObject({ health: { given: false, withdrawnAt: '2026-03-02' } });
    const revision = await world.services.submissions.revision(manager, agreed.id, 1);
    expect(JSON.stringify(revision.data)).not.toMatch(/Geheim/);
    expect(revision.redacted).toEqual([
      { purpose: 'health', at: expect.any(String), pointers: ['/health', '/goals/1'] },
    ]);
    // From now on the server refuses health data in this plan.
    const reopened = await world.services.submissions.transition(manager, agreed.id, etag(redacted.version), {
      action: 'amend',
    });
    await expect(
      world.services.submissions.save(manager, agreed.id, etag(reopened.version), {
        data: { ...reopened.data, health: { notes: 'Neue Notiz' } },
      }),
    ).rejects.toMatchObject({ status: 400, code: 'consent.health_required' });
  });

  it('logs every read of a plan and gives the coordinator everything in one export', async () => {
    const world = await memoryWorld();
    const manager = world.actor('kirchheim.im1');
    const coordinator = world.actor('kirchheim.koordination');
    const agreed = await agree(world, await draftPlan(world));
    // The writes that drew up and agreed the plan answered with its data: each is logged as a read too.
    const before = (await world.services.privacy.accessLog(coordinator, agreed.id)).length;
    await world.services.submissions.get(coordinator, agreed.id);
    await world.services.submissions.history(manager, agreed.id);
    const log = await world.services.privacy.accessLog(coordinator, agreed.id);
    expect(log.slice(before).map((e) => [e.what, e.actor.sub])).toEqual([
      ['view', coordinator.sub],
      ['history', manager.sub],
    ]);
    const exported = await world.services.privacy.export(coordinator, agreed.id);
    expect(exported).toMatchObject({ format: 'pakt-subject-access/1', submission: { id: agreed.id } });
    expect(exported.revisions.map((r) => r.n)).toEqual([1]);
    expect(exported.accessLog.at(-1)).toMatchObject({ what: 'export', actor: { sub: coordinator.sub } });
    await expect(world.services.privacy.export(manager, agreed.id)).rejects.toMatchObject({ status: 403 });
  });
});

describe('key figures', () => {
  it('count agreed plans for the coordinator and suppress small groups for the state', async () => {
    const world = await memoryWorld();
    const data = planData({ caseId: uniqueCaseId() });
    const year = Number(data.header.counsellingStart.slice(0, 4));
    await agree(world, await draftPlan(world, data));
    const own = await world.services.reports.keyFigures(world.actor('kirchheim.koordination'), {
      year,
    });
    expect(own).toMatchObject({ scope: { org: 'kirchheim-unter-teck' }, suppressed: false });
    expect(own.figures.plans).toMatchObject({ active: 1 });
    const state = await world.services.reports.keyFigures(world.actor('rp.pruefer1'), { year });
    expect(state).toMatchObject({ scope: { org: 'all' }, suppressed: true });
    expect(JSON.stringify(state.figures)).not.toContain('"active":1');
    await expect(
      world.services.reports.keyFigures(world.actor('kirchheim.im1'), { year }),
    ).rejects.toMatchObject({ status: 403 });
  });
});
