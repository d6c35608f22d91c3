import type { Submission } from './model.ts';

/**
 * Whether an application's decision is final ("bestandskräftig") on `today` (ISO date, Europe/Berlin): it was
 * approved and its final date has come.
 */
export function isDecisionFinal(submission: Pick<Submission, 'status' | 'decision'>, today: string): boolean {
  return (
    submission.status === 'approved' &&
    submission.decision?.finalAt !== undefined &&
    submission.decision.finalAt <= today
  );
}
