/** Types of the HTTP API, taken from the server's own definitions (types only: nothing of the server is bundled). */

export type { AccessEntry, AccessKind } from '../../../functions/core/access-log.ts';
export type {
  FormConfig,
  FormTexts,
  FormVersion,
  WorkflowDefinition,
} from '../../../functions/core/forms.ts';
export type {
  Area,
  Cell,
  GoalStatus,
  KeyFigures,
  PublishedKeyFigures,
} from '../../../functions/core/key-figures.ts';
export type {
  Action,
  ConsentPurpose,
  ConsentWithdrawal,
  FormKind,
  HistoryEvent,
  JsonObject,
  Organisation,
  Revision,
  Role,
  Status,
  Submission,
  SubmissionSummary,
} from '../../../functions/core/model.ts';

import type { FormVersion } from '../../../functions/core/forms.ts';
import type { KeyFigures, PublishedKeyFigures } from '../../../functions/core/key-figures.ts';
import type { Role } from '../../../functions/core/model.ts';

export interface Me {
  sub: string;
  name: string;
  email?: string;
  roles: Role[];
  org: string;
  orgName: string;
  orgType: string;
}

export interface FormListItem {
  id: string;
  version: number;
  title: { de: string; en?: string };
  kind: FormVersion['workflow']['kind'];
}

export interface DemoUser {
  username: string;
  name: string;
  role: Role;
  org: string;
  orgName: string;
}

export interface UserItem {
  sub: string;
  name: string;
  role: Role;
}

export type AttachmentState = 'pending' | 'scanning' | 'available' | 'rejected' | 'deleting';

export interface Attachment {
  attachmentId: string;
  filename: string;
  contentType?: string;
  size?: number;
  kind?: string;
  state: AttachmentState;
  createdAt?: string;
}

/** One municipality's planning frame ("Planungsrahmen") and what is bound in it. */
export interface AllocationRow {
  org: string;
  /** The municipality's name as the state's data gives it. */
  name?: string;
  orgName?: string;
  district?: string;
  /** Electoral district ("Wahlkreis"), where the source names one. */
  electoralDistrict?: string;
  round?: string;
  /** The source gives a rounded amount. */
  rounded?: boolean;
  frame: number;
  approved: number;
  inReview: number;
  /** Frame minus what is approved (amounts in review are reserved, not yet debited). */
  remaining: number;
}

/** The figures of one district, or of all rows. */
export interface AllocationTotals {
  frame: number;
  approved: number;
  inReview: number;
  remaining: number;
}

/** An electoral district's figures: the press release's total beside the platform's own sums. */
export interface ElectoralDistrictFigure {
  electoralDistrict: string;
  pressReleaseTotal: number;
  namedMunicipalitiesSum: number;
  /** Sum of the frames the platform holds for the electoral district's municipalities. */
  platformSum: number;
  note?: string;
  labels?: Partial<
    Record<'pressReleaseTotal' | 'namedMunicipalitiesSum' | 'platformSum', { de: string; en?: string }>
  >;
}

/** `GET /api/allocations?round=`: every row the caller may see, district totals and electoral districts. */
export interface AllocationOverview {
  round: string;
  items: AllocationRow[];
  districts: Array<AllocationTotals & { district: string }>;
  electoralDistricts: ElectoralDistrictFigure[];
  totals: AllocationTotals;
}

/**
 * `GET /api/reports/key-figures?year=`: a coordinator gets the own organisation's figures in full, a state
 * reviewer the published figures with small groups suppressed.
 */
export type KeyFiguresReport =
  | { scope: { org: string }; suppressed: false; figures: KeyFigures }
  | { scope: { org: string }; suppressed: true; figures: PublishedKeyFigures };

export interface ApiErrorBody {
  error: {
    code: string;
    message: string;
    details?: { pointer: string; message: string; messageDe?: string }[];
  };
}
