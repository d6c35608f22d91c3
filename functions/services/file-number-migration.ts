import { AppError } from '#core/errors';
import { fileNumberConfig, fileNumberRound } from '#core/file-number';
import type { FormVersion } from '#core/forms';
import type { Organisation, Submission } from '#core/model';
import { scopesOf } from '#core/scopes';
import type { CaseFileStore } from '#ports/case-file-store';
import type { SubmissionStore } from '#ports/submission-store';
import { writeNumbered } from './case-file.ts';

/** What numbering applications stored before file numbers existed needs besides the stores of every migration. */
export interface FileNumberMigrationDeps {
  caseFiles?: Pick<CaseFileStore, 'lastFileNumber'>;
  forms?: { get(formId: string, version: number): Promise<FormVersion> };
}

/** The stores every migration has (see `migrations.ts`). */
interface MigrationStores {
  submissions: SubmissionStore;
  organisations: () => Promise<Organisation[]>;
  now: () => Date;
}

/** Every submitted funding application, once each (a joint one is listed by its members too), read by index. */
async function submittedApplications(deps: MigrationStores): Promise<Submission[]> {
  const seen = new Set<string>();
  const found: Submission[] = [];
  for (const org of await deps.organisations()) {
    let cursor: string | undefined;
    do {
      const page = await deps.submissions.list({
        index: 'org',
        scope: `O#${org.id}#funding`,
        limit: 100,
        ...(cursor ? { cursor } : {}),
      });
      for (const summary of page.items) {
        if (seen.has(summary.id) || !summary.submittedAt || summary.fileNumber) continue;
        seen.add(summary.id);
        const sub = await deps.submissions.get(summary.id);
        if (sub?.submittedAt && !sub.fileNumber) found.push(sub);
      }
      cursor = page.nextCursor;
    } while (cursor);
  }
  return found;
}

/**
 * Applications submitted before file numbers existed get theirs: per authority and round in the order they
 * were first submitted, each with the counter in its own transaction (as a first submit does), recorded in
 * its history as a change by the platform. Idempotent: numbered applications are skipped; one changed
 * meanwhile is left for the next run.
 */
export async function numberEarlierApplications(
  deps: MigrationStores & FileNumberMigrationDeps,
): Promise<{ changed: number }> {
  const { caseFiles, forms } = deps;
  if (!caseFiles || !forms) return { changed: 0 };
  const pending = (await submittedApplications(deps)).sort((a, b) => {
    const ka = `${fileNumberRound(a.data, a.submittedAt!)}#${a.submittedAt}#${a.id}`;
    const kb = `${fileNumberRound(b.data, b.submittedAt!)}#${b.submittedAt}#${b.id}`;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  let changed = 0;
  for (const sub of pending) {
    const form = await forms.get(sub.formId, sub.formVersion);
    const numbering = fileNumberConfig(form.config);
    if (!numbering) continue;
    const at = deps.now().toISOString();
    const next: Submission = { ...sub, version: sub.version + 1, updatedAt: at };
    const scopes = scopesOf(sub, form.workflow);
    try {
      await writeNumbered(deps.submissions, caseFiles, numbering, {
        submission: next,
        expectedVersion: sub.version,
        expectedStatus: sub.status,
        event: {
          submissionId: sub.id,
          version: next.version,
          type: 'migrated',
          at,
          actor: { sub: 'system', name: 'Plattform / platform' },
          role: 'admin',
          migration: { fromVersion: sub.formVersion, toVersion: sub.formVersion },
        },
        scopes,
        previousScopes: scopes,
      });
      changed += 1;
    } catch (error) {
      // Changed meanwhile (a submit numbers it then, or the next run does).
      if (!(error instanceof AppError && error.status === 412)) throw error;
    }
  }
  return { changed };
}
