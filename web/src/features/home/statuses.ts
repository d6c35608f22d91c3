import type { Status } from '../../api/types.ts';

export const STATUSES: Status[] = ['draft', 'review', 'revised', 'approved'];
