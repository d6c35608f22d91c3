/** Types of the HTTP API, taken from the server's own definitions (types only: nothing of the server is bundled). */

export type {
  FormConfig,
  FormTexts,
  FormVersion,
  WorkflowDefinition,
} from '../../../functions/core/forms.ts';
export type {
  Action,
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

export type AttachmentState = 'pending' | 'scanning' | 'available' | 'rejected';

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
  orgName?: string;
  district?: string;
  round?: string;
  frame: number;
  approved: number;
  inReview: number;
  remaining: number;
}

export interface ApiErrorBody {
  error: {
    code: string;
    message: string;
    details?: { pointer: string; message: string; messageDe?: string }[];
  };
}
