import { describe, expect, it } from 'vitest';
import planSample from '../../forms/integration-plan/samples/valid-minimal.json' with { type: 'json' };
import type { Submission } from '../../functions/core/model.ts';
import { actor, memoryServices } from '../helpers/services.ts';

const ORG = 'kirchheim-unter-teck';
const im1 = actor('im1', 'manager', ORG);
const im2 = actor('im2', 'manager', ORG);
const coord = actor('koordination', 'coordinator', ORG);
const etag = (s: Submission) => `"${s.version}"`;

/**
 * Every response that hands out a plan's data is a read of it and is logged as one, writes included: the
 * log must show who saw the plan, whatever route they saw it through.
 */
describe('plan data handed out by writes is logged as a read', () => {
  it('create, save, submit, return, approve, amend, assignee and consent each leave an entry', async () => {
    const s = memoryServices([im1, im2, coord]);
    const svc = s.submissionService;
    const logged = async (id: string) =>
      (await s.accessLog.list(id)).map((e) => `${e.actor.sub}:${e.detail}`);

    let plan = await svc.create(im1, { formId: 'integration-plan', data: planSample });
    expect(await logged(plan.id)).toEqual(['u-im1:create']);
    plan = await svc.save(im1, plan.id, etag(plan), { data: planSample });
    plan = await svc.transition(im1, plan.id, etag(plan), { action: 'submit' });
    plan = await svc.transition(coord, plan.id, etag(plan), { action: 'return', comment: 'Bitte ergänzen' });
    plan = await svc.transition(im1, plan.id, etag(plan), { action: 'submit' });
    plan = await svc.transition(coord, plan.id, etag(plan), { action: 'approve' });
    plan = await svc.transition(im1, plan.id, etag(plan), { action: 'amend' });
    plan = await svc.assign(coord, plan.id, etag(plan), { userId: im2.sub });
    expect(plan.data).toBeDefined();
    plan = await s.privacyService.withdrawConsent(im2, plan.id, etag(plan), { purpose: 'storage' });
    expect(await logged(plan.id)).toEqual([
      'u-im1:create',
      'u-im1:save',
      'u-im1:submit',
      'u-koordination:return',
      'u-im1:submit',
      'u-koordination:approve',
      'u-im1:amend',
      'u-koordination:assign',
      'u-im2:consent',
    ]);
    for (const entry of await s.accessLog.list(plan.id)) expect(entry.what).toBe('view');
  });

  it('a refused write hands out nothing and logs nothing', async () => {
    const s = memoryServices([im1, coord]);
    const plan = await s.submissionService.create(im1, { formId: 'integration-plan', data: planSample });
    await expect(s.submissionService.save(im1, plan.id, '"7"', { data: planSample })).rejects.toThrow();
    await expect(
      s.submissionService.assign(coord, plan.id, etag(plan), { userId: 'nobody' }),
    ).rejects.toThrow();
    expect((await s.accessLog.list(plan.id)).length).toBe(1);
  });

  it('funding applications keep no access log', async () => {
    const s = memoryServices([actor('k', 'municipality', ORG)]);
    const app = await s.submissionService.create(actor('k', 'municipality', ORG), {
      formId: 'funding-application',
      data: {},
    });
    expect(await s.accessLog.list(app.id)).toEqual([]);
  });
});
