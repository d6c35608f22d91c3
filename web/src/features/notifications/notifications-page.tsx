/**
 * Notifications ("Benachrichtigungen"): the list (newest first, each entry linking to its case), marking
 * read one or all, the unread count in the header, the notification settings, and a banner when mails to
 * the user's address bounced. Texts in German and English live here, beside the page.
 */
import { useCallback, useEffect, useState } from 'react';
import { request } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { submissionPath } from '../../router.ts';
import { Alert, announce, ErrorAlert, Loading, PageHeading } from '../../ui/primitives.tsx';

export interface NotificationItem {
  id: string;
  type: string;
  at: string;
  submissionId?: string;
  reference: string;
  dueDate?: string;
  count?: number;
  readAt?: string;
}

interface NotificationPage {
  items: NotificationItem[];
  nextCursor?: string;
  unread: number;
}

type Delivery = 'immediate' | 'digest' | 'in-app';
interface Preferences {
  delivery: Delivery;
  language: 'de' | 'en';
  addressProblem?: 'bounce' | 'complaint';
}

const TEXTS = {
  de: {
    title: 'Benachrichtigungen',
    intro: 'Was sich an Ihren Vorgängen getan hat und welche Fristen anstehen.',
    empty: 'Keine Benachrichtigungen.',
    unread: 'ungelesen',
    unreadCount: '{n} ungelesene Benachrichtigungen',
    markRead: 'Als gelesen markieren',
    markAll: 'Alle als gelesen markieren',
    marked: 'Als gelesen markiert.',
    more: 'Weitere laden',
    open: 'Zum Vorgang {ref}',
    settings: 'Einstellungen',
    delivery: 'Benachrichtigung per E-Mail',
    'delivery.immediate': 'Sofort per E-Mail',
    'delivery.digest': 'Einmal täglich als Zusammenfassung',
    'delivery.in-app': 'Nur hier in der Anwendung',
    language: 'Sprache der E-Mails',
    save: 'Speichern',
    saved: 'Einstellungen gespeichert.',
    bounceTitle: 'E-Mails an Ihre Adresse kommen nicht an',
    bounce:
      'Nachrichten an Ihre E-Mail-Adresse wurden abgewiesen. Bitte lassen Sie Ihre Adresse berichtigen; bis dahin sehen Sie Benachrichtigungen nur hier.',
    'application.submitted': 'Neuer Förderantrag zur Prüfung',
    'application.returned': 'Förderantrag zur Überarbeitung zurückgegeben',
    'application.decided': 'Über den Förderantrag wurde entschieden',
    'plan.submitted': 'Integrationsplan wartet auf Abstimmung',
    'plan.agreed': 'Integrationsplan abgestimmt',
    'plan.returned': 'Integrationsplan zurückgegeben',
    'plan.reassigned': 'Integrationsplan neu zugewiesen',
    'plan.consent_withdrawn': 'Einwilligung widerrufen',
    'attachment.refused': 'Anlage abgelehnt',
    'deadline.plan_review_due': 'Fortschreibung fällig am {due}',
    'deadline.plan_review_overdue': 'Fortschreibung überfällig seit {due}',
    'deadline.overdue_summary': '{n} überfällige Fristen',
    'deadline.key_figures_due': 'Kennzahlen fällig am {due}',
  },
  en: {
    title: 'Notifications',
    intro: 'What happened to your cases and which deadlines are coming up.',
    empty: 'No notifications.',
    unread: 'unread',
    unreadCount: '{n} unread notifications',
    markRead: 'Mark as read',
    markAll: 'Mark all as read',
    marked: 'Marked as read.',
    more: 'Load more',
    open: 'Open case {ref}',
    settings: 'Settings',
    delivery: 'Notification by e-mail',
    'delivery.immediate': 'By e-mail at once',
    'delivery.digest': 'A daily digest',
    'delivery.in-app': 'Only here in the application',
    language: 'Language of the e-mails',
    save: 'Save',
    saved: 'Settings saved.',
    bounceTitle: 'E-mails to your address do not arrive',
    bounce:
      'Messages to your e-mail address were rejected. Please have your address corrected; until then you see notifications only here.',
    'application.submitted': 'New funding application to review',
    'application.returned': 'Funding application returned for revision',
    'application.decided': 'The funding application was decided',
    'plan.submitted': 'Integration plan awaits agreement',
    'plan.agreed': 'Integration plan agreed',
    'plan.returned': 'Integration plan returned',
    'plan.reassigned': 'Integration plan reassigned',
    'plan.consent_withdrawn': 'Consent withdrawn',
    'attachment.refused': 'Attachment refused',
    'deadline.plan_review_due': 'Plan review due on {due}',
    'deadline.plan_review_overdue': 'Plan review overdue since {due}',
    'deadline.overdue_summary': '{n} overdue deadlines',
    'deadline.key_figures_due': 'Key figures due on {due}',
  },
} as const;
type TextKey = keyof (typeof TEXTS)['de'];

function useTexts() {
  const i18n = useI18n();
  const table = TEXTS[i18n.locale === 'en' ? 'en' : 'de'] as Record<string, string>;
  const tx = (key: TextKey | string, params: Record<string, string | number> = {}) =>
    (table[key] ?? key).replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
  return { ...i18n, tx };
}

/** Tells the header that the unread count changed. */
const CHANGED = 'pakt:notifications-changed';

const notificationsApi = {
  list: (cursor?: string) =>
    request<NotificationPage>(
      'GET',
      `/api/notifications?limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    ),
  markRead: (body: { ids: string[] } | { all: true }) =>
    request<{ changed: number; unread: number }>('POST', '/api/notifications/read', { body }),
  preferences: () => request<Preferences>('GET', '/api/me/preferences'),
  putPreferences: (p: Pick<Preferences, 'delivery' | 'language'>) =>
    request<Preferences>('PUT', '/api/me/preferences', { body: p }),
};

/** The header link with the unread count, refreshed every minute and after marking read. */
export function NotificationsLink() {
  const { tx } = useTexts();
  const [unread, setUnread] = useState<number>();
  const refresh = useCallback(() => {
    notificationsApi
      .list()
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
      {tx('title')}
      {unread ? (
        <span className="pakt-unread">
          {unread}
          <span className="kern-sr-only"> {tx('unread')}</span>
        </span>
      ) : null}
    </a>
  );
}

export function NotificationsPage() {
  const { tx, dateTime, date } = useTexts();
  const [page, setPage] = useState<NotificationPage>();
  const [error, setError] = useState<unknown>();
  const [prefs, setPrefs] = useState<Preferences>();

  const load = useCallback(async () => {
    try {
      const [{ data }, { data: p }] = await Promise.all([
        notificationsApi.list(),
        notificationsApi.preferences(),
      ]);
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
      const { data } = await notificationsApi.list(page.nextCursor);
      setPage({ ...data, items: [...page.items, ...data.items] });
    } catch (e) {
      setError(e);
    }
  };

  const markRead = async (body: { ids: string[] } | { all: true }) => {
    try {
      await notificationsApi.markRead(body);
      announce(tx('marked'));
      window.dispatchEvent(new Event(CHANGED));
      await load();
    } catch (e) {
      setError(e);
    }
  };

  const label = (n: NotificationItem) =>
    tx(n.type, { due: n.dueDate ? date(n.dueDate) : '', n: n.count ?? 0, ref: n.reference });

  return (
    <>
      <PageHeading>{tx('title')}</PageHeading>
      <p className="kern-body">{tx('intro')}</p>
      {prefs?.addressProblem && (
        <Alert kind="warning" title={tx('bounceTitle')} role="alert">
          <p className="kern-body">{tx('bounce')}</p>
        </Alert>
      )}
      {error !== undefined && <ErrorAlert error={error} retry={load} />}
      {!page && error === undefined && <Loading />}
      {page && (
        <>
          <p className="kern-body" aria-live="polite">
            {tx('unreadCount', { n: page.unread })}
          </p>
          {page.unread > 0 && (
            <button
              type="button"
              className="kern-btn kern-btn--secondary"
              onClick={() => markRead({ all: true })}
            >
              <span className="kern-label">{tx('markAll')}</span>
            </button>
          )}
          {page.items.length === 0 ? (
            <p className="kern-body">{tx('empty')}</p>
          ) : (
            <ul className="pakt-notifications">
              {page.items.map((n) => (
                <li
                  key={n.id}
                  className={n.readAt ? 'pakt-notification' : 'pakt-notification pakt-notification--unread'}
                >
                  <p className="kern-body">
                    {!n.readAt && <strong>{tx('unread')}: </strong>}
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
                      <span className="kern-label">{tx('markRead')}</span>
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
          {page.nextCursor && (
            <button type="button" className="kern-btn kern-btn--tertiary" onClick={more}>
              <span className="kern-label">{tx('more')}</span>
            </button>
          )}
        </>
      )}
      {prefs && <PreferencesForm prefs={prefs} onSaved={setPrefs} />}
    </>
  );
}

function PreferencesForm({ prefs, onSaved }: { prefs: Preferences; onSaved(p: Preferences): void }) {
  const { tx } = useTexts();
  const [delivery, setDelivery] = useState<Delivery>(prefs.delivery);
  const [language, setLanguage] = useState(prefs.language);
  const [error, setError] = useState<unknown>();
  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    try {
      const { data } = await notificationsApi.putPreferences({ delivery, language });
      onSaved({ ...prefs, ...data });
      setError(undefined);
      announce(tx('saved'));
    } catch (e) {
      setError(e);
    }
  };
  return (
    <form onSubmit={save} className="pakt-notification-settings">
      <h2 className="kern-heading-medium">{tx('settings')}</h2>
      {error !== undefined && <ErrorAlert error={error} />}
      <fieldset className="kern-fieldset">
        <legend className="kern-label">{tx('delivery')}</legend>
        <div className="kern-fieldset__body">
          {(['immediate', 'digest', 'in-app'] as const).map((mode) => (
            <div className="kern-form-check" key={mode}>
              <input
                className="kern-form-check__radio"
                type="radio"
                id={`delivery-${mode}`}
                name="delivery"
                checked={delivery === mode}
                onChange={() => setDelivery(mode)}
              />
              <label className="kern-label" htmlFor={`delivery-${mode}`}>
                {tx(`delivery.${mode}`)}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
      <div className="kern-form-input">
        <label className="kern-label" htmlFor="mail-language">
          {tx('language')}
        </label>
        <div className="kern-form-input__select-wrapper">
          <select
            className="kern-form-input__select"
            id="mail-language"
            value={language}
            onChange={(e) => setLanguage(e.target.value === 'en' ? 'en' : 'de')}
          >
            <option value="de">Deutsch</option>
            <option value="en">English</option>
          </select>
        </div>
      </div>
      <button type="submit" className="kern-btn kern-btn--primary">
        <span className="kern-label">{tx('save')}</span>
      </button>
    </form>
  );
}
