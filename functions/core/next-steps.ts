/**
 * The case file's "what is due next" ("Was steht an"): for a funding application on a given day, the steps
 * that are open, who takes each (the applicant's side or the granting authority) and by when. Read from the
 * rules the server enforces (`finality.ts`: retrieval window and finality; `follow-up.ts`: the payment window
 * and what is available; the proof-of-use deadline the decision letter names), so the web shows them without a
 * copy of those rules.
 *
 * No I/O, no clock: `today` is an ISO date in Europe/Berlin, passed in.
 */
import { proofOfUseDue } from './documents/letters.ts';
import { finalFrom, retrievalWindowEnd } from './finality.ts';
import { CALL_MONTHS_AFTER_PERIOD, financeSummary, followUpKindOf, fundingPeriodOf } from './follow-up.ts';
import type { FollowUpRef, Submission } from './model.ts';
import { addMonths, berlinDate } from './retention.ts';

/** Who takes a step: the applicant's side ("Kommune") or the granting authority ("Regierungspräsidium"). */
export type StepParty = 'applicant' | 'reviewer';

export const NEXT_STEP_KINDS = [
  /** Submit the draft ("Antrag einreichen"). */
  'submit',
  /** Revise and submit again after a return. */
  'resubmit',
  /** Decide the application ("Prüfung und Entscheidung"). */
  'decide',
  /** Four-eyes: a second reviewer confirms or discards the proposal. */
  'confirm-proposal',
  /** Retrieve the decision within ten days of the notice that it is ready (§ 41 (2a) LVwVfG). */
  'retrieve-decision',
  /** Not retrieved in time: the authority notifies by other means and records the date. */
  'notify-by-post',
  /** An action was filed: the authority records how it ended. */
  'action-pending',
  /** The decision becomes final on `date` by itself unless an action is filed ("Bestandskraft ab"). */
  'becomes-final',
  /** A follow-up record not yet submitted. */
  'submit-record',
  /** A follow-up record in review (payment request to release, change notice, proof of use). */
  'review-record',
  /** A released payment request whose payout is not yet recorded. */
  'record-payout',
  /** Call the funds ("Mittel abrufen") until the payment window closes. */
  'call-funds',
  /** The proof of use ("Verwendungsnachweis"), due three months after the funding period. */
  'proof-of-use',
] as const;
export type NextStepKind = (typeof NEXT_STEP_KINDS)[number];

export interface NextStep {
  kind: NextStepKind;
  /** Who takes it; absent for what happens by itself (`becomes-final`). */
  by?: StepParty;
  /** The last day for it (ISO date), where there is one; for `becomes-final` the day it is final from. */
  date?: string;
  /** The date lies before today: the step is late. */
  overdue?: boolean;
  /** `call-funds` before the decision is final: possible only from then (`date` of finality, where known). */
  afterFinality?: { from?: string };
  /** Steps on a follow-up record: which one. */
  record?: { id: string; formId: string };
}

/** A follow-up record as the rules read it: its entry on the application, and the proof's kind where known. */
export type RecordState = FollowUpRef & { proofKind?: string };

type Application = Pick<Submission, 'status' | 'decision' | 'data' | 'followUp' | 'proposal'>;

/** States of a proof of use in which it counts as having come in (as the reminders count it). */
const CAME_IN = new Set(['review', 'approved']);

/** The steps from a decision to its finality (approval or refusal). */
function finalitySteps(decision: NonNullable<Submission['decision']>, today: string): NextStep[] {
  const f = decision.finality;
  if (!f) return [];
  if (!decision.notifiedAt) {
    const until = retrievalWindowEnd(berlinDate(new Date(f.readyAt)));
    return today <= until
      ? [{ kind: 'retrieve-decision', by: 'applicant', date: until }]
      : [{ kind: 'notify-by-post', by: 'reviewer' }];
  }
  if (f.actionFiledOn && !f.actionClosedOn) return [{ kind: 'action-pending', by: 'reviewer' }];
  const finalAt = decision.finalAt ?? finalFrom(decision);
  return finalAt && finalAt > today ? [{ kind: 'becomes-final', date: finalAt }] : [];
}

/** The steps on the follow-up records that are open. */
function recordSteps(records: readonly RecordState[]): NextStep[] {
  const steps: NextStep[] = [];
  for (const r of records) {
    const record = { id: r.id, formId: r.formId };
    if (r.status === 'draft' || r.status === 'revised')
      steps.push({ kind: 'submit-record', by: 'applicant', record });
    else if (r.status === 'review') steps.push({ kind: 'review-record', by: 'reviewer', record });
    else if (r.status === 'approved' && followUpKindOf(r.formId) === 'payment' && !r.paidOn)
      steps.push({ kind: 'record-payout', by: 'reviewer', record });
  }
  return steps;
}

/**
 * What is due next on an application on `today`, the steps to act on now first, then those with a date in
 * order of it. `records` are its follow-up records (default: as the application lists them, without the
 * proofs' kinds: then any proof of use that came in counts).
 */
export function nextSteps(
  app: Application,
  today: string,
  records: readonly RecordState[] = app.followUp?.children ?? [],
): NextStep[] {
  const steps: NextStep[] = [];
  switch (app.status) {
    case 'draft':
      return [{ kind: 'submit', by: 'applicant' }];
    case 'revised':
      return [{ kind: 'resubmit', by: 'applicant' }];
    case 'review':
      return [{ kind: app.proposal ? 'confirm-proposal' : 'decide', by: 'reviewer' }];
    case 'rejected':
      return app.decision ? finalitySteps(app.decision, today) : [];
    case 'approved':
      break;
    default:
      // Withdrawn, revoked: nothing more on the platform.
      return [];
  }
  const decision = app.decision;
  if (!decision) return [];
  steps.push(...finalitySteps(decision, today), ...recordSteps(records));
  const period = fundingPeriodOf(app);
  const finalAt = decision.finalAt ?? finalFrom(decision);
  const final = finalAt !== undefined && finalAt <= today;
  if (period) {
    const callUntil = addMonths(period.end, CALL_MONTHS_AFTER_PERIOD);
    if (financeSummary(app).available > 0 && today <= callUntil)
      steps.push({
        kind: 'call-funds',
        by: 'applicant',
        date: callUntil,
        ...(final ? {} : { afterFinality: finalAt ? { from: finalAt } : {} }),
      });
    const proofs = records.filter((r) => followUpKindOf(r.formId) === 'proof' && CAME_IN.has(r.status));
    const finalProofIn = proofs.some((r) => r.proofKind === undefined || r.proofKind === 'final');
    if (!finalProofIn) {
      const due = proofOfUseDue(period.end);
      steps.push({
        kind: 'proof-of-use',
        by: 'applicant',
        date: due,
        ...(due < today ? { overdue: true } : {}),
      });
    }
  }
  // Steps to act on now first (in the order above), then the dated ones by their date.
  const undated = steps.filter((s) => s.date === undefined);
  const dated = steps
    .filter((s) => s.date !== undefined)
    .sort((a, b) => (a.date ?? '').localeCompare(b.date ?? ''));
  return [...undated, ...dated];
}
