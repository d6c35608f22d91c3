import { useEffect, useState } from 'react';
import { api } from '../../api/client.ts';
import type { Submission, UserItem } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { ErrorAlert } from '../../ui/primitives.tsx';

export function Reassign({
  sub,
  onDone,
}: {
  sub: Submission;
  onDone: (s: Submission, message: string) => void;
}) {
  const { t } = useI18n();
  const [managers, setManagers] = useState<UserItem[]>([]);
  const [selected, setSelected] = useState(sub.assignedTo ?? sub.createdBy);
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    // Only active managers take a plan over (a coordinator's list also shows deactivated ones).
    api
      .users('manager')
      .then(({ data }) => setManagers(data.items.filter((u) => u.active !== false)), setError);
  }, []);
  if (managers.length === 0) return null;
  return (
    <section className="pakt-reassign" aria-labelledby="reassign-title">
      <h2 className="kern-heading-medium" id="reassign-title">
        {t('sub.reassign')}
      </h2>
      <div className="pakt-inline-form">
        <div className="kern-form-input">
          <label className="kern-label" htmlFor="assignee">
            {t('sub.assignee')}
          </label>
          <div className="kern-form-input__select-wrapper">
            <select
              id="assignee"
              className="kern-form-input__select"
              value={selected}
              onChange={(e) => setSelected(e.target.value)}
            >
              {managers.map((m) => (
                <option key={m.sub} value={m.sub}>
                  {m.name}
                </option>
              ))}
            </select>
          </div>
        </div>
        <button
          type="button"
          className="kern-btn kern-btn--secondary"
          onClick={async () => {
            try {
              const { data } = await api.assign(sub.id, selected);
              onDone(data, t('sub.assigned'));
            } catch (e) {
              setError(e);
            }
          }}
        >
          <span className="kern-label">{t('sub.assign')}</span>
        </button>
      </div>
      {error !== undefined && <ErrorAlert error={error} />}
    </section>
  );
}
