import type { Actor, Role, Submission } from './model.ts';

/**
 * The access log of a plan: every read of a refugee's case data (view, history, revision, diff, attachment
 * download, export) with who, when and what. Written by the platform only, never changed by any route; erased
 * together with the plan, since it is personal data about access to the person's plan.
 */
export const ACCESS_KINDS = ['view', 'history', 'revision', 'diff', 'attachment', 'export', 'print'] as const;
export type AccessKind = (typeof ACCESS_KINDS)[number];

export interface AccessEntry {
  /** Unique per entry (a ULID); with `at` it orders the log. */
  id: string;
  submissionId: string;
  at: string;
  actor: { sub: string; name: string };
  role: Role;
  what: AccessKind;
  /** Which part: a revision number, a diff range, an attachment id. Never content. */
  detail?: string;
}

/** Only case data is logged: funding applications hold no refugee's data. */
export const isLoggedRead = (sub: Pick<Submission, 'kind'>) => sub.kind === 'case';

export function accessEntry(
  actor: Actor,
  sub: Pick<Submission, 'id'>,
  what: AccessKind,
  at: string,
  id: string,
  detail?: string,
): AccessEntry {
  const role = actor.roles.find((r) => r === 'manager' || r === 'coordinator') ?? actor.roles[0] ?? 'manager';
  return {
    id,
    submissionId: sub.id,
    at,
    actor: { sub: actor.sub, name: actor.name },
    role,
    what,
    ...(detail ? { detail } : {}),
  };
}
