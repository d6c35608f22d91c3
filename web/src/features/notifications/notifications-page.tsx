/**
 * Notifications ("Benachrichtigungen"): the list (newest first, each entry linking to its case), marking
 * read one or all, a banner when mails to the user's address bounced, and the notification settings
 * (`notification-settings.tsx`). The header link with the unread count is `notifications-link.tsx`.
 */
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/client.ts';
import type { MarkReadBody, NotificationItem, NotificationPage, Preferences } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { submissionPath } from '../../router.ts';
import { Alert, announce, ErrorAlert, Loading, PageHeading } from '../../ui/primitives.tsx';
import { EmailAddress } from './email-address.tsx';
import { NotificationSettings } from './notification-settings.tsx';
import { notificationsChanged } from './notifications-link.tsx';

export { NotificationsLink } from './notifications-link.tsx';

/** The hash router owns `#…`: move to the address field by focus, not by changing the hash. */
function focusEmail() {
  const input = document.getElementById('email-new') ?? document.getElementById('email-code');
  input?.focus();
}

export function NotificationsPage() {
  const { t, dateTime, date } = useI18n();
  const [page, setPage] = useState<NotificationPage>();
  const [error, setError] = useState<unknown>();
  const [prefs, setPrefs] = useState<Preferences>();

  const load = useCallback(async () => {
    try {
      const [{ data }, { data: p }] = await Promise.all([api.notifications(), api.preferences()]);
      setPage(data);
      setPrefs(p);
      setError(undefined);
    } catch (e) {
      setError(e);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const more = async () => {
    if (!page?.nextCursor) return;
    try {
      const { data } = await api.notifications(page.nextCursor);
      setPage({ ...data, items: [...page.items, ...data.items] });
    } catch (e) {
      setError(e);
    }
  };

  const markRead = async (body: MarkReadBody) => {
    try {
      await api.markNotificationsRead(body);
      announce(t('notif.marked'));
      notificationsChanged();
      await load();
    } catch (e) {
      setError(e);
    }
  };

  const label = (n: NotificationItem) =>
    t(`notif.type.${n.type}`, { due: n.dueDate ? date(n.dueDate) : '', count: n.count ?? 0 });

  return (
    <>
      <PageHeading>{t('notif.title')}</PageHeading>
      <p className="kern-body">{t('notif.intro')}</p>
      {prefs?.addressProblem && (
        <Alert kind="warning" title={t('notif.bounceTitle')} role="alert">
          <p className="kern-body">{t('notif.bounce')}</p>
          <p className="kern-body">
            <button type="button" className="kern-btn kern-btn--tertiary" onClick={focusEmail}>
              <span className="kern-label">{t('notif.email.fix')}</span>
            </button>
          </p>
        </Alert>
      )}
      {error !== undefined && <ErrorAlert error={error} retry={load} />}
      {!page && error === undefined && <Loading />}
      {page && (
        <>
          <p className="kern-body" aria-live="polite">
            {t('notif.unreadCount', { count: page.unread })}
          </p>
          {page.unread > 0 && (
            <button
              type="button"
              className="kern-btn kern-btn--secondary"
              onClick={() => markRead({ all: true })}
            >
              <span className="kern-label">{t('notif.markAll')}</span>
            </button>
          )}
          {page.items.length === 0 ? (
            <p className="kern-body">{t('notif.empty')}</p>
          ) : (
            <ul className="pakt-notifications">
              {page.items.map((n) => (
                <li
                  key={n.id}
                  className={n.readAt ? 'pakt-notification' : 'pakt-notification pakt-notification--unread'}
                >
                  <p className="kern-body">
                    {!n.readAt && <strong>{t('notif.unread')}: </strong>}
                    {n.submissionId ? (
                      <a
                        className="kern-link"
                        href={`#${submissionPath(n.submissionId)}`}
                        onClick={() => {
                          if (!n.readAt) void markRead({ ids: [n.id] });
                        }}
                      >
                        {label(n)}
                      </a>
                    ) : (
                      label(n)
                    )}
                    <br />
                    <span className="kern-body kern-body--small pakt-muted">
                      {dateTime(n.at)} · {n.reference}
                    </span>
                  </p>
                  {!n.readAt && (
                    <button
                      type="button"
                      className="kern-btn kern-btn--tertiary kern-btn--x-small"
                      onClick={() => markRead({ ids: [n.id] })}
                    >
                      <span className="kern-label">{t('notif.markRead')}</span>
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
          {page.nextCursor && (
            <button type="button" className="kern-btn kern-btn--tertiary" onClick={more}>
              <span className="kern-label">{t('notif.more')}</span>
            </button>
          )}
        </>
      )}
      {prefs && <NotificationSettings prefs={prefs} onSaved={setPrefs} />}
      {prefs && <EmailAddress prefs={prefs} onChanged={setPrefs} />}
    </>
  );
}
