import type { HistoryEvent } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { purposeLabel } from '../privacy/consent-labels.ts';

/** Consecutive saves by the same person are one line ("5× gespeichert"), so decisions stay visible. */
function collapse(events: HistoryEvent[]): (HistoryEvent & { count: number })[] {
  const out: (HistoryEvent & { count: number })[] = [];
  for (const e of [...events].sort((a, b) => a.version - b.version)) {
    const last = out.at(-1);
    if (last && e.type === 'saved' && last.type === 'saved' && last.actor.sub === e.actor.sub) {
      last.count += 1;
      last.at = e.at;
    } else out.push({ ...e, count: 1 });
  }
  return out.reverse();
}

export function HistoryTimeline({
  events,
  plan,
  names,
  orgNames,
  headingLevel = 2,
}: {
  events: HistoryEvent[];
  plan: boolean;
  names?: Map<string, string>;
  /** Organisation names by id (a joint application's members), for their confirmations. */
  orgNames?: Map<string, string>;
  headingLevel?: 2 | 3;
}) {
  const { t, date, dateTime } = useI18n();
  const what = (e: HistoryEvent & { count: number }) => {
    if (e.type === 'created') return t('history.created');
    if (e.type === 'saved')
      return e.count > 1 ? t('history.savedCount', { count: e.count }) : t('history.saved');
    if (e.type === 'migrated' && e.migration)
      return t('history.migrated', { version: String(e.migration.toVersion) });
    if (e.type === 'assigned')
      return t('history.assigned', { name: names?.get(e.assignedTo ?? '') ?? e.assignedTo ?? '' });
    // A withdrawal: purpose, named body and date only; what was redacted is never shown, only that it was.
    if (e.type === 'consent' && e.consent) {
      const line = t('history.consent', {
        purpose: purposeLabel(t, e.consent.purpose, e.consent.body),
        date: date(e.consent.withdrawnAt),
      });
      if (e.consent.purpose !== 'health') return line;
      const revisions = e.consent.redactedRevisions?.length ?? 0;
      return `${line}; ${
        revisions > 0
          ? t('history.consentRedacted', { count: revisions })
          : t('history.consentRedactedWorking')
      }`;
    }
    if (e.type === 'proposal' && e.action) return t(`history.proposal.${e.action}` as MessageKey);
    if (e.type === 'finality' && e.finality)
      return `${t(`history.finality.${e.finality.step}` as MessageKey)}${e.finality.date ? ` (${date(e.finality.date)})` : ''}`;
    if (e.type === 'member-confirmed' && e.confirmation)
      return t('history.memberConfirmed', {
        org: orgNames?.get(e.confirmation.org) ?? e.confirmation.org,
      });
    if (e.action === 'approve' && plan) return t('history.action.approvePlan');
    return e.action ? t(`history.action.${e.action}` as MessageKey) : '';
  };
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className="pakt-history" aria-labelledby="history-title">
      <Heading className="kern-heading-medium" id="history-title">
        {t('history.title')}
      </Heading>
      {events.length === 0 ? (
        <p className="kern-body">{t('history.empty')}</p>
      ) : (
        <ol className="pakt-timeline">
          {collapse(events).map((e) => (
            <li
              key={e.version}
              className={`pakt-timeline__item pakt-timeline__item--${e.action ?? e.type}`}
              data-event={e.type}
            >
              <p className="kern-body">
                <time dateTime={e.at}>{dateTime(e.at)}</time> · <strong>{e.actor.name}</strong>{' '}
                <span className="pakt-muted">({t(`role.${e.role}` as MessageKey)})</span>: {what(e)}
              </p>
              {e.comment && <blockquote className="pakt-quote kern-body">{e.comment}</blockquote>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
