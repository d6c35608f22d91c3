import type { MemberConfirmationCommand } from '#api/schemas/submissions';
import { isJointMember, withAllowed } from '#core/access';
import { conflict, forbidden, staleVersion } from '#core/errors';
import { memberShares } from '#core/joint-confirmation';
import type { Actor, Submission } from '#core/model';
import { scopesOf } from '#core/scopes';
import { isEditable } from '#core/workflow';
import type { SubmissionStore } from '#ports/submission-store';
import type { FormCatalog } from './form-catalog.ts';
import { loadSubmission } from './load-submission.ts';
import { parseIfMatch, type SubmissionView } from './submission-service.ts';

export interface JointDeps {
  submissions: SubmissionStore;
  forms: FormCatalog;
  now: () => Date;
}

/**
 * Joint applications from the members' side: a member municipality confirms its participation and the share
 * it was shown in the lead's working copy. The confirmation is a history event (the lead is told of it); it
 * lapses when a save changes that member's share (see `SubmissionService.save`, `core/joint-confirmation`).
 */
export class JointService {
  constructor(private readonly deps: JointDeps) {}

  /**
   * Records the caller's organisation's confirmation of `body.share`, its current share. 403 unless the caller
   * is a member municipality; 409 `joint.not_confirmable` once the application is no longer editable by the
   * lead, `joint.share_changed` if the share is not (any more) the one the member saw.
   */
  async confirm(
    actor: Actor,
    id: string,
    ifMatch: string | undefined,
    body: MemberConfirmationCommand,
  ): Promise<SubmissionView> {
    const { sub, form } = await loadSubmission(this.deps, actor, id);
    if (!isJointMember(actor, sub))
      throw forbidden(
        'joint.confirmation_forbidden',
        'Only a member municipality of the joint application confirms its share.',
      );
    const expected = ifMatch === undefined ? sub.version : parseIfMatch(ifMatch);
    if (sub.version !== expected) throw staleVersion();
    if (sub.locked || !isEditable(sub.status))
      throw conflict(
        'joint.not_confirmable',
        `A joint application in state "${sub.status}" takes no confirmation.`,
      );
    const mine = memberShares(sub.data, sub.org).find((m) => m.org === actor.org);
    if (!mine || mine.share !== body.share)
      throw conflict(
        'joint.share_changed',
        'Your share in the application is not the one confirmed: reload the application and check it again.',
        [{ pointer: '/share', message: 'not the current share', code: 'joint.share_changed' }],
      );
    const now = this.deps.now().toISOString();
    const confirmation = {
      org: actor.org,
      share: mine.share,
      confirmedAt: now,
      confirmedBy: { sub: actor.sub, name: actor.name },
    };
    const next: Submission = {
      ...sub,
      jointConfirmations: [
        ...(sub.jointConfirmations ?? []).filter((c) => c.org !== actor.org),
        confirmation,
      ],
      version: sub.version + 1,
      updatedAt: now,
    };
    const scopes = scopesOf(next, form.workflow);
    await this.deps.submissions.write({
      submission: next,
      expectedVersion: sub.version,
      expectedStatus: sub.status,
      event: {
        submissionId: sub.id,
        version: next.version,
        at: now,
        actor: { sub: actor.sub, name: actor.name },
        role: 'municipality',
        type: 'member-confirmed',
        confirmation: { org: actor.org, share: mine.share },
      },
      scopes,
      previousScopes: scopesOf(sub, form.workflow),
    });
    return withAllowed(actor, form.workflow, next);
  }
}
