import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../ui/primitives.tsx';

/** The funding rounds open for applications now, each with its deadline (`GET /api/rounds`). */
export function OpenRounds() {
  const { t, date } = useI18n();
  const load = useLoad(async () => (await api.rounds()).data.items.filter((r) => r.open), []);
  if (!load.data || load.data.length === 0) return null;
  return (
    <section aria-labelledby="open-rounds-heading">
      <h2 className="kern-heading-small" id="open-rounds-heading">
        {t('rounds.open')}
      </h2>
      <ul className="kern-list">
        {load.data.map((r) => (
          <li key={r.id}>
            <span className="kern-body">{r.title}</span>
            <br />
            <span className="kern-body--small pakt-muted">
              {r.applicationWindow
                ? t('rounds.deadline', { date: date(r.applicationWindow.closes) })
                : t('rounds.noDeadline')}
              {r.illustrative ? ` · ${t('rounds.illustrative')}` : ''}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
