/**
 * Moves the working copies of integration plans written on an older form version to the latest one,
 * recording the person's language as a code read from the consents' free text (`migratePlanLanguage`).
 * Run once per deployment (a deploy-time job) and on every local start; running it again changes nothing.
 *
 * What it leaves alone: frozen revisions (what was agreed stays as it was agreed, on its version); plans in
 * review (the copy under review is decided first, the next run moves it); locked plans (consent to
 * storage withdrawn: nothing changes them any more); plans whose data the latest version would refuse.
 */
import { AppError } from '#core/errors';
import type { FormVersion } from '#core/forms';
import type { HistoryEvent, JsonObject, Submission } from '#core/model';
import { migratePlanLanguage } from '#core/plan-language';
import { orgScope, scopesOf } from '#core/scopes';
import { indexedValues, omitExtraData, relevantIssues, type SchemaIssue } from '#core/validation';
import type { Directory } from '#ports/directory';
import type { SubmissionStore } from '#ports/submission-store';
import type { FormCatalog } from './form-catalog.ts';

export interface PlanLanguageMigrationDeps {
  submissions: SubmissionStore;
  forms: FormCatalog;
  directory: Directory;
  now: () => Date;
}

export interface PlanLanguageMigrationResult {
  /** Moved to the latest version; `language` where a code could be told from the free text. */
  migrated: Array<{ id: string; language?: string }>;
  /** Left on their version, and why. */
  skipped: Array<{ id: string; reason: 'review' | 'locked' | 'invalid' | 'changed_meanwhile' }>;
}

/** Who the history names for the move: the platform itself, not a person. */
export const MIGRATION_ACTOR = { sub: 'platform', name: 'Plattform (Datenübernahme)' } as const;

export class PlanLanguageMigration {
  constructor(private readonly deps: PlanLanguageMigrationDeps) {}

  async run(formId = 'integration-plan'): Promise<PlanLanguageMigrationResult> {
    const result: PlanLanguageMigrationResult = { migrated: [], skipped: [] };
    const target = await this.deps.forms.latest(formId);
    if (target.workflow.kind !== 'case') return result;
    for (const org of await this.deps.directory.listOrganisations()) {
      let cursor: string | undefined;
      do {
        const page = await this.deps.submissions.list({
          index: 'org',
          scope: orgScope(org.id, 'case'),
          formId,
          limit: 100,
          ...(cursor ? { cursor } : {}),
        });
        for (const summary of page.items) {
          if (summary.org !== org.id || summary.formVersion >= target.version) continue;
          await this.migrate(summary.id, target, result);
        }
        cursor = page.nextCursor;
      } while (cursor);
    }
    return result;
  }

  private async migrate(id: string, target: FormVersion, result: PlanLanguageMigrationResult) {
    const sub = await this.deps.submissions.get(id);
    if (!sub || sub.formVersion >= target.version) return;
    if (sub.locked) return void result.skipped.push({ id, reason: 'locked' });
    if (sub.status === 'review') return void result.skipped.push({ id, reason: 'review' });
    const { data: moved, language } = migratePlanLanguage(sub.data);
    const data = omitExtraData(target.schema, moved) as JsonObject;
    const validate = await this.deps.forms.validator(target.id, target.version);
    if (!validate(data) && relevantIssues((validate.errors ?? []) as SchemaIssue[], 'draft').length)
      return void result.skipped.push({ id, reason: 'invalid' });
    const before = await this.deps.forms.get(sub.formId, sub.formVersion);
    const next: Submission = {
      ...sub,
      data,
      formVersion: target.version,
      version: sub.version + 1,
      updatedAt: this.deps.now().toISOString(),
      indexed: indexedValues(target.workflow.indexed, data),
    };
    const event: HistoryEvent = {
      submissionId: id,
      version: next.version,
      type: 'migrated',
      at: next.updatedAt,
      actor: { ...MIGRATION_ACTOR },
      role: 'admin',
      migration: {
        fromVersion: sub.formVersion,
        toVersion: target.version,
        ...(language ? { language } : {}),
      },
    };
    try {
      await this.deps.submissions.write({
        submission: next,
        expectedVersion: sub.version,
        expectedStatus: sub.status,
        event,
        scopes: scopesOf(next, target.workflow),
        previousScopes: scopesOf(sub, before.workflow),
      });
    } catch (error) {
      // Changed by someone meanwhile: the next run takes the plan as it then is.
      if (error instanceof AppError && error.status === 412)
        return void result.skipped.push({ id, reason: 'changed_meanwhile' });
      throw error;
    }
    result.migrated.push({ id, ...(language ? { language } : {}) });
  }
}
