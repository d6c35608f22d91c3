import { useState } from 'react';
import { api } from '../../api/client.ts';
import type { Submission } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { ErrorAlert } from '../../ui/primitives.tsx';

export function Amend({
  sub,
  onDone,
}: {
  sub: Submission;
  onDone: (s: Submission, message?: string) => void;
}) {
  const { t } = useI18n();
  const [error, setError] = useState<unknown>();
  return (
    <div className="pakt-actions">
      <p className="kern-body">{t('sub.amendHint')}</p>
      <button
        type="button"
        className="kern-btn kern-btn--primary"
        onClick={async () => {
          try {
            const { data } = await api.transition(sub.id, 'amend', sub.version);
            onDone(data);
          } catch (e) {
            setError(e);
          }
        }}
      >
        <span className="kern-icon kern-icon--edit" aria-hidden="true" />
        <span className="kern-label">{t('sub.amend')}</span>
      </button>
      {error !== undefined && <ErrorAlert error={error} />}
    </div>
  );
}
