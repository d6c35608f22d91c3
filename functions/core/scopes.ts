import { KIND_RULES, type WorkflowDefinition } from './forms.ts';
import type { FormKind, Status, Submission } from './model.ts';

/**
 * The list scopes (index partitions) a submission appears in, decided purely from the submission and its
 * form: the owner organisation's scope, and a second one (the assigned manager of a case, or the
 * cross-organisation review scope once a submission was first submitted).
 */
export interface Scopes {
  org: string;
  second?: string;
  /** Further organisations' scopes the submission is listed in (members of a joint application). */
  members?: string[];
}

export const orgScope = (org: string, kind: FormKind) => `O#${org}#${kind}`;
export const assigneeScope = (sub: string) => `U#${sub}`;
export const reviewScope = (role: string) => `R#${role}`;

export function scopesOf(
  sub: Pick<Submission, 'org' | 'kind' | 'assignedTo' | 'revision' | 'members'>,
  workflow: WorkflowDefinition,
): Scopes {
  const scopes: Scopes = { org: orgScope(sub.org, sub.kind) };
  const members = (sub.members ?? []).filter((m) => m !== sub.org);
  if (members.length) scopes.members = members.map((m) => orgScope(m, sub.kind));
  if (sub.kind === 'case') {
    if (sub.assignedTo) scopes.second = assigneeScope(sub.assignedTo);
  } else if (
    sub.revision > 0 &&
    !KIND_RULES[sub.kind].sameOrgReview &&
    workflow.review.includes('reviewer')
  ) {
    scopes.second = reviewScope('reviewer');
  }
  return scopes;
}

/** Sort key within a scope: newest first when read backwards. */
export const scopeSortKey = (sub: Pick<Submission, 'createdAt' | 'id'>) => `${sub.createdAt}#${sub.id}`;
export const withStatus = (scope: string, status: Status) => `${scope}#${status}`;
