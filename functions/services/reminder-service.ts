import {
  type GrantDeadlineSource,
  keyFiguresReminder,
  paymentWindowReminder,
  planReviewReminder,
  proofOfUseReminder,
} from '#core/deadlines';
import { financeSummary } from '#core/follow-up';
import { reportYearOn } from '#core/key-figure-report';
import type { FormKind, Status, Submission, SubmissionSummary } from '#core/model';
import { applicants, type OutboxEvent, referenceOf } from '#core/notifications';
import { berlinDate } from '#core/retention';
import { orgScope } from '#core/scopes';
import type { Directory } from '#ports/directory';
import type { KeyFigureReportStore } from '#ports/key-figure-report-store';
import type { NotificationStore } from '#ports/notification-store';
import type { SubmissionStore } from '#ports/submission-store';

export interface ReminderDeps {
  submissions: Pick<SubmissionStore, 'list' | 'get'>;
  directory: Pick<Directory, 'listOrganisations'>;
  store: NotificationStore;
  /** The yearly key-figure reports that came in: an organisation that confirmed is not reminded. */
  keyFigureReports?: Pick<KeyFigureReportStore, 'listByYear'>;
  now: () => Date;
}

/** The marker of the very first run: deadlines already past then are summarised, not sent one by one. */
export const FIRST_RUN_KEY = 'first-run';

/** Follow-up states in which a proof of use counts as having come in. */
const CAME_IN: readonly Status[] = ['review', 'approved'];

/**
 * What the grant's deadlines are read from: the decided funding end, else the one applied for; whether the
 * proof of use came in, and whether anything is left to call (from the application's follow-up records).
 */
export function grantDeadlineSource(
  application: Pick<Submission, 'id' | 'indexed' | 'decision' | 'followUp'>,
): GrantDeadlineSource {
  const children = application.followUp?.children ?? [];
  return {
    id: application.id,
    fundingEnd: application.decision?.fundingEnd ?? application.indexed.periodEnd,
    proofOfUseIn: children.some((c) => c.formId === 'proof-of-use' && CAME_IN.includes(c.status)),
    nothingAvailable: application.decision !== undefined && financeSummary(application).available <= 0,
  };
}

/**
 * The reminder job (daily in AWS; locally at start and every few minutes): plan reviews due and overdue
 * (to the plan's manager, from its next review date), the yearly key figures (to the coordinators), and
 * of every approved application the proof of use (due in 30 and 7 days, overdue) and the end of the
 * window for payment requests (to the applicant's side, members of a joint application too).
 * Each reminder is recorded with its outbox item in one step, so a repeated run sends nothing twice.
 */
export class ReminderService {
  constructor(private readonly deps: ReminderDeps) {}

  async run(): Promise<{ reminders: number; summaries: number }> {
    const { store, now } = this.deps;
    const at = now();
    const today = berlinDate(at);
    const firstRun = await store.addReminder(FIRST_RUN_KEY, undefined, at);
    const overdue = new Map<string, { count: number; org: string }>();
    const overdueGrants = new Map<string, number>();
    let reminders = 0;
    const reported = new Set(
      (await this.deps.keyFigureReports?.listByYear(reportYearOn(today)))?.map((r) => r.org) ?? [],
    );
    for (const org of await this.deps.directory.listOrganisations()) {
      for await (const application of this.records(org.id, 'funding')) {
        if (application.status !== 'approved' || application.locked) continue;
        // The list item holds a summary only: the follow-up records are read from the application itself.
        const full = await this.deps.submissions.get(application.id);
        if (!full) continue;
        const source = grantDeadlineSource(full);
        for (const reminder of [proofOfUseReminder(source, today), paymentWindowReminder(source, today)]) {
          if (!reminder) continue;
          if (firstRun && reminder.stage === 'overdue') {
            if (await store.addReminder(reminder.key, undefined, at))
              overdueGrants.set(application.org, (overdueGrants.get(application.org) ?? 0) + 1);
            continue;
          }
          const event: OutboxEvent = {
            id: reminder.key,
            type: reminder.type,
            at: at.toISOString(),
            submissionId: application.id,
            formId: application.formId,
            kind: application.kind,
            org: application.org,
            reference: referenceOf(application),
            audience: applicants(application),
            dueDate: reminder.dueDate,
          };
          if (await store.addReminder(reminder.key, event, at)) reminders++;
        }
      }
      for await (const plan of this.records(org.id, 'case')) {
        if (plan.approvedRevision === null || plan.locked || !plan.assignedTo) continue;
        const reminder = planReviewReminder(plan.id, plan.indexed.nextReviewDate, today);
        if (!reminder) continue;
        if (firstRun && reminder.stage === 'overdue') {
          if (await store.addReminder(reminder.key, undefined, at)) {
            const entry = overdue.get(plan.assignedTo) ?? { count: 0, org: plan.org };
            entry.count++;
            overdue.set(plan.assignedTo, entry);
          }
          continue;
        }
        const event: OutboxEvent = {
          id: reminder.key,
          type: reminder.type,
          at: at.toISOString(),
          submissionId: plan.id,
          formId: plan.formId,
          kind: plan.kind,
          org: plan.org,
          reference: referenceOf(plan),
          audience: [{ kind: 'user', sub: plan.assignedTo }],
          dueDate: reminder.dueDate,
        };
        if (await store.addReminder(reminder.key, event, at)) reminders++;
      }
      const figures =
        org.type === 'municipality' && !reported.has(org.id) ? keyFiguresReminder(org.id, today) : undefined;
      if (figures) {
        const event: OutboxEvent = {
          id: figures.key,
          type: figures.type,
          at: at.toISOString(),
          org: org.id,
          reference: figures.dueDate,
          audience: [{ kind: 'org-role', org: org.id, role: 'coordinator' }],
          dueDate: figures.dueDate,
        };
        if (await store.addReminder(figures.key, event, at)) reminders++;
      }
    }
    let summaries = 0;
    for (const [sub, { count, org }] of overdue) {
      const key = `overdue-summary#${sub}#${today}`;
      const event: OutboxEvent = {
        id: key,
        type: 'deadline.overdue_summary',
        at: at.toISOString(),
        org,
        reference: today,
        audience: [{ kind: 'user', sub }],
        count,
      };
      if (await store.addReminder(key, event, at)) summaries++;
    }
    // Proofs of use already overdue at the first run: one summary to the applicant's side per organisation.
    for (const [org, count] of overdueGrants) {
      const key = `overdue-summary#org:${org}#${today}`;
      const event: OutboxEvent = {
        id: key,
        type: 'deadline.overdue_summary',
        at: at.toISOString(),
        org,
        reference: today,
        audience: [{ kind: 'org-role', org, role: 'municipality' }],
        count,
      };
      if (await store.addReminder(key, event, at)) summaries++;
    }
    return { reminders, summaries };
  }

  /** The organisation's plans or applications, page by page (an index partition each; never a scan). */
  private async *records(org: string, kind: FormKind): AsyncGenerator<SubmissionSummary> {
    let cursor: string | undefined;
    do {
      const page = await this.deps.submissions.list({
        index: 'org',
        scope: orgScope(org, kind),
        limit: 100,
        ...(cursor ? { cursor } : {}),
      });
      yield* page.items;
      cursor = page.nextCursor;
    } while (cursor);
  }
}
