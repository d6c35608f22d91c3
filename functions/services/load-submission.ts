import { assertReadable } from '#core/access';
import { notFound } from '#core/errors';
import type { FormVersion } from '#core/forms';
import type { Actor, Submission } from '#core/model';
import type { SubmissionStore } from '#ports/submission-store';
import type { FormCatalog } from './form-catalog.ts';

/** What a submission id from a URL may look like (ULIDs and the demo data's ids); anything else is not there. */
const ID_PATTERN = /^[0-9A-Za-z_-]{1,64}$/;

export const submissionNotFound = () => notFound('submission.not_found', 'Submission not found.');

/**
 * The first step of every use case on one submission: checks the id, reads the submission and its form
 * version, and checks that the actor may see it. Whatever the actor may not see answers 404, exactly as
 * what does not exist (its existence is not revealed). `access` says what they see: the working copy or
 * the submitted snapshot.
 */
export async function loadSubmission(
  deps: { submissions: Pick<SubmissionStore, 'get'>; forms: Pick<FormCatalog, 'get'> },
  actor: Actor,
  id: string,
): Promise<{ sub: Submission; form: FormVersion; access: ReturnType<typeof assertReadable> }> {
  if (!ID_PATTERN.test(id)) throw submissionNotFound();
  const sub = await deps.submissions.get(id);
  if (!sub) throw submissionNotFound();
  const form = await deps.forms.get(sub.formId, sub.formVersion);
  const access = assertReadable(actor, form.workflow, sub);
  return { sub, form, access };
}
