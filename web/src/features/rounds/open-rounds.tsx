import { api } from '../../api/client.ts';
import type { RoundList } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../ui/primitives.tsx';

export type PublishedRound = RoundList['items'][number];

/** The funding rounds open for applications now (`GET /api/rounds`). */
export const openRounds = async (): Promise<PublishedRound[]> =>
  (await api.rounds()).data.items.filter((r) => r.open);

/**
 * The funding rounds open for applications now, each with its deadline. A page that loads them with its own
 * data passes them in (`rounds`), so the list does not push the page down when it arrives on its own.
 */
export function OpenRounds({ rounds }: { rounds?: PublishedRound[] }) {
  const { t, date } = useI18n();
  const load = useLoad(async () => rounds ?? (await openRounds()), [rounds]);
  const items = rounds ?? load.data;
  if (!items || items.length === 0) return null;
  return (
    <section aria-labelledby="open-rounds-heading">
      <h2 className="kern-heading-small" id="open-rounds-heading">
        {t('rounds.open')}
      </h2>
      <ul className="kern-list">
        {items.map((r) => (
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
