/**
 * Joint applications on the in-memory adapters: the members confirm their share before the lead may submit,
 * a confirmation lapses with its share, and a member's shares across the round stay within its frame.
 * Round 2017-2018 (51,000 EUR per FTE-year); frames of the demo data.
 */
import { describe, expect, it } from 'vitest';
import { etag } from '../../functions/services/submission-service.ts';
import { FUNDING, fundingData } from '../helpers/factories.ts';
import { memoryWorld } from '../helpers/memory.ts';

type Json = Record<string, any>;

/** Half a position for 24 months (51,000 EUR) with Bissingen (frame 16,718 EUR) carrying `share`. */
const withBissingen = (share: number) =>
  fundingData({
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
    joint: {
      isJoint: true,
      members: [{ organisationId: 'bissingen-an-der-teck', name: 'Bissingen an der Teck', share }],
    },
  });

const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: unknown) => e as Json,
  );

describe('joint applications', () => {
  it('let the member read the draft and confirm its share, and the lead submit only then', async () => {
    const { services, actor, adapters, attachSigned } = await memoryWorld();
    const lead = actor('wendlingen.kommune');
    const member = actor('bissingen.kommune');
    const draft = await services.submissions.create(lead, { formId: FUNDING, data: withBissingen(10_000) });
    // The member is asked, and reads the working copy: it may confirm, nothing else.
    expect((await adapters.notifications.getOutbox(`${draft.id}#1`))?.event).toMatchObject({
      type: 'application.confirmation_requested',
      audience: [{ kind: 'org-role', org: 'bissingen-an-der-teck', role: 'municipality' }],
    });
    const seen = await services.submissions.get(member, draft.id);
    expect((seen.data as Json).joint.members[0].share).toBe(10_000);
    expect(seen.allowed).toEqual(['confirmShare']);
    expect(draft.allowed).not.toContain('confirmShare');

    await attachSigned(lead, draft);
    const refused = await failure(
      services.submissions.transition(lead, draft.id, etag(draft.version), { action: 'submit' }),
    );
    expect(refused).toMatchObject({ status: 409, code: 'joint.confirmation_missing' });
    expect(refused.message).toContain('Bissingen an der Teck');
    expect(refused.details).toEqual([
      { pointer: '/joint/members/0', message: 'Bissingen an der Teck', code: 'joint.confirmation_missing' },
    ]);
    // Only the member confirms, and only the share it was shown.
    expect(await failure(services.joint.confirm(lead, draft.id, undefined, { share: 10_000 }))).toMatchObject(
      {
        status: 403,
      },
    );
    expect(
      await failure(services.joint.confirm(member, draft.id, undefined, { share: 9_000 })),
    ).toMatchObject({ status: 409, code: 'joint.share_changed' });

    const confirmed = await services.joint.confirm(member, draft.id, undefined, { share: 10_000 });
    expect(confirmed.allowed).toEqual([]);
    expect(confirmed.jointConfirmations).toMatchObject([{ org: 'bissingen-an-der-teck', share: 10_000 }]);
    expect((await adapters.notifications.getOutbox(`${draft.id}#${confirmed.version}`))?.event).toMatchObject(
      {
        type: 'application.member_confirmed',
        audience: [{ kind: 'org-role', org: 'wendlingen-am-neckar', role: 'municipality' }],
      },
    );
    const history = await services.submissions.history(lead, draft.id);
    expect(history.at(-1)).toMatchObject({
      type: 'member-confirmed',
      role: 'municipality',
      confirmation: { org: 'bissingen-an-der-teck', share: 10_000 },
    });
    await attachSigned(lead, draft);
    const submitted = await services.submissions.transition(lead, draft.id, etag(confirmed.version), {
      action: 'submit',
    });
    expect(submitted.status).toBe('review');
    expect(submitted.allocation?.reserved).toContainEqual({ org: 'bissingen-an-der-teck', amount: 10_000 });
    // Once submitted there is nothing more to confirm.
    expect(
      await failure(services.joint.confirm(member, draft.id, undefined, { share: 10_000 })),
    ).toMatchObject({ status: 409, code: 'joint.not_confirmable' });
  });

  it("lapse the confirmation when a save changes the member's share, and ask again", async () => {
    const { services, actor, adapters, attachSigned } = await memoryWorld();
    const lead = actor('wendlingen.kommune');
    const member = actor('bissingen.kommune');
    const draft = await services.submissions.create(lead, { formId: FUNDING, data: withBissingen(10_000) });
    const confirmed = await services.joint.confirm(member, draft.id, undefined, { share: 10_000 });
    // A save that keeps the share keeps the confirmation.
    const same = await services.submissions.save(lead, draft.id, etag(confirmed.version), {
      data: {
        ...confirmed.data,
        applicant: { ...(confirmed.data as Json).applicant, contactPhone: '07021 1234' },
      },
    });
    expect(same.jointConfirmations).toHaveLength(1);
    const changed = await services.submissions.save(lead, draft.id, etag(same.version), {
      data: withBissingen(12_000),
    });
    expect(changed.jointConfirmations).toBeUndefined();
    expect((await adapters.notifications.getOutbox(`${draft.id}#${changed.version}`))?.event).toMatchObject({
      type: 'application.confirmation_requested',
    });
    await attachSigned(lead, draft);
    expect(
      await failure(
        services.submissions.transition(lead, draft.id, etag(changed.version), { action: 'submit' }),
      ),
    ).toMatchObject({ status: 409, code: 'joint.confirmation_missing' });
    expect((await services.submissions.get(member, draft.id)).allowed).toEqual(['confirmShare']);
  });

  it("keep a member's shares in review across applications within its frame, without naming what is left", async () => {
    const { services, actor, attachSigned } = await memoryWorld();
    const member = actor('bissingen.kommune');
    const submitJoint = async (username: string, share: number) => {
      const lead = actor(username);
      const draft = await services.submissions.create(lead, { formId: FUNDING, data: withBissingen(share) });
      const ok = await services.joint.confirm(member, draft.id, undefined, { share });
      await attachSigned(lead, ok);
      return services.submissions.transition(lead, ok.id, etag(ok.version), { action: 'submit' });
    };
    await submitJoint('wendlingen.kommune', 10_000);
    // 10,000 of Bissingen's 16,718 EUR are in review: another 10,000 do not fit.
    const refused = await failure(submitJoint('weilheim.kommune', 10_000));
    expect(refused).toMatchObject({ status: 400 });
    expect(refused.details.map((d: Json) => d.code)).toContain('joint.share_exceeds_frame');
    const said = JSON.stringify(refused);
    for (const figure of ['6.718', '6,718', '6718', '16.718', '16,718', '16718'])
      expect(said).not.toContain(figure);
    // What still fits goes through.
    expect((await submitJoint('weilheim.kommune', 6_000)).status).toBe('review');
    const bissingen = (
      (await services.allocations.overview(actor('rp.pruefer1'), '2017-2018')).items as Json[]
    ).find((a) => a.org === 'bissingen-an-der-teck');
    expect(bissingen).toMatchObject({ inReview: 16_000 });
  });

  it('refuse a reservation whose member counters changed since they were read', async () => {
    const { adapters } = await memoryWorld();
    const round = '2017-2018';
    const org = 'bissingen-an-der-teck';
    adapters.allocations.apply([{ round, org, approvedDelta: 0, inReviewDelta: 10_000 }]);
    // Read when nothing was in review: bounding in-review by 16,718 − 0 − 10,000 fails now.
    expect(() =>
      adapters.allocations.check([
        {
          round,
          org,
          approvedDelta: 0,
          inReviewDelta: 10_000,
          committedAtMost: { approved: 0, inReview: 6_718 },
        },
      ]),
    ).toThrow(expect.objectContaining({ code: 'allocation.exceeded' }));
    expect(() =>
      adapters.allocations.check([
        {
          round,
          org,
          approvedDelta: 0,
          inReviewDelta: 6_000,
          committedAtMost: { approved: 0, inReview: 10_718 },
        },
      ]),
    ).not.toThrow();
  });
});
