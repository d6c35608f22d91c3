/**
 * The use cases wired to the in-memory adapters, with the repository's forms and their generated
 * validators: fast service-level tests without Java or HTTP. Time is frozen and moved on by hand.
 */
import type { Actor, Role, UserProfile } from '../../functions/core/model.ts';
import { type Adapters, buildServices, type MailAdapters } from '../../functions/lib/services.ts';
import { attachSignedApplication } from '../../functions/local/signed-application.ts';
import type { AccessLogStore } from '../../functions/ports/access-log.ts';
import type { SubmissionStore } from '../../functions/ports/submission-store.ts';
import { memoryAdapters } from './memory.ts';

/** An actor of the given role and organisation (its subject derived from the name). */
export const actor = (name: string, role: Role, org: string): Actor => ({
  sub: `u-${name}`,
  name,
  roles: [role],
  org,
});

/** Builds a fresh set of stores and services; every call starts empty but for the given users. */
export function memoryServices(
  users: Actor[] = [],
  start = new Date('2026-03-02T09:00:00Z'),
  /** Other stores to run the same use cases on (e.g. the DynamoDB adapters on DynamoDB Local). */
  stores: { submissions?: SubmissionStore; accessLog?: AccessLogStore } = {},
) {
  let clock = start.getTime();
  let seq = 0;
  const now = () => new Date(clock);
  const base = memoryAdapters({ now, newId: () => `01TEST${String(++seq).padStart(20, '0')}` });
  const adapters: Adapters & MailAdapters = {
    ...base,
    submissions: stores.submissions ?? base.submissions,
    accessLog: stores.accessLog ?? base.accessLog,
  };
  const { submissions, allocations, figures, accessLog, directory } = adapters;
  for (const u of users) {
    const profile: UserProfile = {
      sub: u.sub,
      username: u.name,
      name: u.name,
      email: `${u.name}@example.org`,
      role: u.roles[0] ?? 'manager',
      org: u.org,
    };
    void directory.putUser(profile);
  }
  // The same composition root as the functions.
  const services = buildServices(adapters);
  const forms = services.forms;
  const submissionService = services.submissions;
  const privacyService = services.privacy;
  const decisionService = services.decisions;
  return {
    submissions,
    allocations,
    figures,
    accessLog,
    directory,
    forms,
    submissionService,
    privacyService,
    decisionService,
    rounds: services.rounds,
    followUpService: services.followUp,
    now,
    /** Attaches a small valid PDF as the signed application, which a funding application needs before its submit. */
    attachSigned: (actor: Actor, sub: { id: string }) => attachSignedApplication(adapters, actor, sub),
    /** Moves the frozen clock on. */
    advance(ms: number) {
      clock += ms;
    },
  };
}
