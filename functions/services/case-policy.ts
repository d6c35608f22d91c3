import type { TransitionCommand } from '#api/schemas/submissions';
import { healthDataIssues, withdrawalEditIssues } from '#core/consent';
import { badRequest } from '#core/errors';
import type { FormVersion } from '#core/forms';
import { figuresRecord } from '#core/key-figures';
import type { JsonObject, Submission } from '#core/model';
import type { TransitionOutcome } from '#core/workflow';
import type { KindPolicy, TransitionEffects } from './funding-policy.ts';

/**
 * Integration plans: with every approval ("Vereinbarung", including an amendment agreed at once) the plan's
 * anonymous figures record is rewritten in the same transaction, so key figures come straight out of the
 * plans and are never typed in again.
 */
export class CasePolicy implements KindPolicy {
  /** The server rule on health data: none while the plan holds no active consent to it (GDPR Art. 9). */
  async prepare(form: FormVersion, data: JsonObject, owner: { org: string; data?: JsonObject }) {
    const withdrawals = withdrawalEditIssues(owner.data, data);
    if (withdrawals.length) {
      throw badRequest(
        'consent.use_withdrawal_action',
        'Consent is withdrawn with its own action, not by editing the plan.',
        withdrawals,
      );
    }
    const issues = healthDataIssues(form.config, data);
    if (issues.length) {
      throw badRequest(
        'consent.health_required',
        'Health data may only be recorded with an active consent to health data.',
        issues,
      );
    }
    return { data };
  }

  async transition(
    _form: FormVersion,
    sub: Submission,
    _action: string,
    _actor: unknown,
    _body: TransitionCommand,
    now: Date,
    outcome: TransitionOutcome,
  ): Promise<TransitionEffects> {
    if (!outcome.approves) return {};
    const record = figuresRecord(sub.data, {
      planId: sub.id,
      org: sub.org,
      approvedAt: now.toISOString(),
      createdAt: sub.createdAt,
    });
    return { figures: { planId: sub.id, record } };
  }
}
