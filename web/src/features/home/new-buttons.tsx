import { useState } from 'react';
import { followUpKindOf } from '../../../../functions/core/follow-up.ts';
import { api } from '../../api/client.ts';
import type { FormListItem, JsonObject, Me } from '../../api/types.ts';
import { type I18n, useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { navigate, submissionPath } from '../../router.ts';
import { useSession } from '../../session/session.tsx';
import { ErrorAlert } from '../../ui/primitives.tsx';
import { prefillApplication } from '../application/prefill.ts';

export const formTitle = (i18n: I18n, form?: FormListItem) =>
  form ? (form.title[i18n.locale] ?? form.title.de) : '';

/**
 * What a new submission starts with: a funding application carries the applicant's name, address, contact
 * person and bank account from the organisation's profile, and where still empty the applicant's data of the
 * organisation's last application (each only where still empty; a new one is empty throughout).
 */
export const prefillFor = (
  kind: string,
  me: Pick<Me, 'orgName' | 'orgProfile'>,
  lastApplicant?: unknown,
): JsonObject | undefined =>
  kind === 'funding'
    ? prefillApplication({}, { name: me.orgName, profile: me.orgProfile }, lastApplicant)
    : undefined;

/**
 * The applicant's data of the organisation's newest own funding application (not one it joins as a member),
 * newest first as the list answers a municipality, or nothing: a new application is started without it when it
 * cannot be read.
 */
export async function lastApplicantOf(formId: string, org: string): Promise<unknown> {
  try {
    const { data } = await api.list({ formId, limit: 10 });
    const own = data.items.find((s) => s.org === org);
    if (!own) return undefined;
    const { data: last } = await api.get(own.id);
    return (last.data as JsonObject | undefined)?.applicant;
  } catch {
    return undefined;
  }
}

export async function startNew(formId: string, setError: (e: unknown) => void, data?: JsonObject) {
  try {
    const { data: created } = await api.create(formId, data);
    navigate(submissionPath(created.id));
  } catch (e) {
    setError(e);
  }
}

export function NewButtons({
  forms,
  kind,
  label,
}: {
  forms: FormListItem[];
  kind: string;
  label: MessageKey;
}) {
  const i18n = useI18n();
  const { me } = useSession();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  // Follow-up records start from their application's page, never on their own.
  const matching = forms.filter((f) => f.kind === kind && !followUpKindOf(f.id));
  return (
    <div className="kern-btn-wrapper pakt-actions">
      {matching.map((form) => (
        <button
          key={form.id}
          type="button"
          className="kern-btn kern-btn--primary"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            const last = form.kind === 'funding' ? await lastApplicantOf(form.id, me.org) : undefined;
            await startNew(form.id, setError, prefillFor(form.kind, me, last));
            setBusy(false);
          }}
        >
          <span className="kern-icon kern-icon--add" aria-hidden="true" />
          <span className="kern-label">
            {matching.length > 1 ? i18n.t('dash.newForm', { title: formTitle(i18n, form) }) : i18n.t(label)}
          </span>
        </button>
      ))}
      {error !== undefined && <ErrorAlert error={error} />}
    </div>
  );
}
