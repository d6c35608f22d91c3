/** The header link to the notifications, with the caller's unread count. */
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';

/** Tells the header that the unread count changed. */
const CHANGED = 'pakt:notifications-changed';

/** Tells the header link to fetch the unread count again (after marking read). */
export function notificationsChanged(): void {
  window.dispatchEvent(new Event(CHANGED));
}

/** The header link with the unread count, refreshed every minute and after marking read. */
export function NotificationsLink() {
  const { t } = useI18n();
  const [unread, setUnread] = useState<number>();
  const refresh = useCallback(() => {
    api
      .notifications()
      .then(({ data }) => setUnread(data.unread))
      .catch(() => undefined);
  }, []);
  useEffect(() => {
    refresh();
    const timer = setInterval(refresh, 60_000);
    window.addEventListener(CHANGED, refresh);
    return () => {
      clearInterval(timer);
      window.removeEventListener(CHANGED, refresh);
    };
  }, [refresh]);
  return (
    <a className="kern-link pakt-notifications-link" href="#/benachrichtigungen">
      {t('notif.title')}
      {unread ? (
        <span className="pakt-unread">
          {unread}
          <span className="kern-sr-only"> {t('notif.unread')}</span>
        </span>
      ) : null}
    </a>
  );
}
