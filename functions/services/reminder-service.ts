import { keyFiguresReminder, planReviewReminder } from '#core/deadlines';
import type { SubmissionSummary } from '#core/model';
import type { OutboxEvent } from '#core/notifications';
import { berlinDate } from '#core/retention';
import { orgScope } from '#core/scopes';
import type { Directory } from '#ports/directory';
import type { NotificationStore } from '#ports/notification-store';
import type { SubmissionStore } from '#ports/submission-store';

export interface ReminderDeps {
  submissions: Pick<SubmissionStore, 'list'>;
  directory: Pick<Directory, 'listOrganisations'>;
  store: NotificationStore;
  now: () => Date;
}

/** The marker of the very first run: deadlines already past then are summarised, not sent one by one. */
export const FIRST_RUN_KEY = 'first-run';

/**
 * The reminder job (daily in AWS; locally at start and every few minutes): plan reviews due and overdue
 * (to the plan's manager, from its next review date) and the yearly key figures (to the coordinators).
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
    let reminders = 0;
    for (const org of await this.deps.directory.listOrganisations()) {
      for await (const plan of this.plans(org.id)) {
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
          reference: plan.id,
          audience: [{ kind: 'user', sub: plan.assignedTo }],
          dueDate: reminder.dueDate,
        };
        if (await store.addReminder(reminder.key, event, at)) reminders++;
      }
      const figures = org.type === 'municipality' ? keyFiguresReminder(org.id, today) : undefined;
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
    return { reminders, summaries };
  }

  /** The organisation's plans, page by page (an index partition each; never a scan). */
  private async *plans(org: string): AsyncGenerator<SubmissionSummary> {
    let cursor: string | undefined;
    do {
      const page = await this.deps.submissions.list({
        index: 'org',
        scope: orgScope(org, 'case'),
        limit: 100,
        ...(cursor ? { cursor } : {}),
      });
      yield* page.items;
      cursor = page.nextCursor;
    } while (cursor);
  }
}
