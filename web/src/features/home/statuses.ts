import type { Status } from '../../api/types.ts';

export const STATUSES: Status[] = ['draft', 'review', 'revised', 'approved'];

/** States only applications reach: refused, withdrawn by the applicant, revoked. */
export const DECISION_STATUSES: Status[] = ['rejected', 'withdrawn', 'revoked'];
