/** The page frame: the federal bar, the header with language switch and sign-out, the main navigation and the footer. */
import { type ReactNode, useRef } from 'react';
import { NotificationsLink } from './features/notifications/notifications-link.tsx';
import { useI18n } from './i18n/i18n.tsx';
import type { MessageKey } from './i18n/messages.ts';
import { usePath } from './router.ts';
import type { Session } from './session/session.tsx';
import { LiveRegion } from './ui/primitives.tsx';

function Flag() {
  return (
    <svg viewBox="0 0 5 3" width="20" height="12" aria-hidden="true" focusable="false">
      <rect width="5" height="1" y="0" fill="#000" />
      <rect width="5" height="1" y="1" fill="#dd0000" />
      <rect width="5" height="1" y="2" fill="#ffcc00" />
    </svg>
  );
}

export function Layout({
  session,
  pending = false,
  onSignOut,
  printing,
  children,
}: {
  session: Session | null;
  /** A session token is there and the user is still being loaded: the signed-in frame is drawn already, so
   * nothing moves when the name and the navigation arrive. */
  pending?: boolean;
  onSignOut(): void;
  printing: boolean;
  children: ReactNode;
}) {
  const { t, locale, setLocale } = useI18n();
  const mainRef = useRef<HTMLElement>(null);
  const path = usePath();
  const navItems: { path: string; label: MessageKey }[] = [{ path: '/', label: 'nav.home' }];
  // The server shows the planning frames of all municipalities to the granting authority only.
  if (session?.role === 'reviewer') navItems.push({ path: '/planungsrahmen', label: 'nav.allocations' });
  if (session?.role === 'reviewer' || session?.role === 'coordinator')
    navItems.push(
      { path: '/kennzahlen', label: 'nav.keyFigures' },
      { path: '/kennzahlenbericht', label: 'nav.keyFigureReport' },
    );
  // Who may invite or change users: admins everyone, coordinators and municipality leads their organisation.
  if (session?.role === 'admin' || session?.role === 'coordinator' || session?.role === 'municipality')
    navItems.push({ path: '/benutzer', label: 'nav.users' });
  if (session?.role === 'admin') navItems.push({ path: '/foerderrunden', label: 'nav.rounds' });
  // A municipality keeps its own address, contact person and bank account.
  if (session?.role === 'municipality') navItems.push({ path: '/stammdaten', label: 'nav.profile' });
  return (
    <div className={`pakt-app${printing ? ' pakt-app--print' : ''}`}>
      {/* A button, not a link: `#main` would be read as a route by the hash router. */}
      <button type="button" className="pakt-skip" onClick={() => mainRef.current?.focus()}>
        {t('app.skip')}
      </button>
      <div className="kern-kopfzeile pakt-noprint">
        <div className="kern-container">
          <div className="kern-kopfzeile__content">
            <span className="kern-kopfzeile__flagge">
              <Flag />
            </span>
            <span className="kern-kopfzeile__label">{t('app.official')}</span>
          </div>
        </div>
      </div>
      <header className="pakt-header">
        <div className="kern-container pakt-header__inner">
          <a className="pakt-brand" href="#/">
            <span className="pakt-brand__title">{t('app.title')}</span>
            <span className="pakt-brand__subtitle">{t('app.subtitle')}</span>
          </a>
          <div className="pakt-header__tools pakt-noprint">
            <button
              type="button"
              className="kern-btn kern-btn--tertiary kern-btn--x-small"
              lang={locale === 'de' ? 'en' : 'de'}
              aria-label={t('app.switchLanguageLabel')}
              onClick={() => setLocale(locale === 'de' ? 'en' : 'de')}
            >
              <span className="kern-icon kern-icon--language kern-icon--small" aria-hidden="true" />
              <span className="kern-label">{t('app.switchLanguage')}</span>
            </button>
            {(session || pending) && (
              <>
                <NotificationsLink />
                <span className="pakt-user kern-body kern-body--small">
                  {session &&
                    t('app.signedInAs', {
                      name: session.me.name,
                      role: t(`role.${session.role}` as MessageKey),
                      org: session.me.orgName,
                    })}
                </span>
                <button
                  type="button"
                  className="kern-btn kern-btn--secondary kern-btn--x-small"
                  onClick={onSignOut}
                >
                  <span className="kern-icon kern-icon--logout kern-icon--small" aria-hidden="true" />
                  <span className="kern-label">{t('app.signOut')}</span>
                </button>
              </>
            )}
          </div>
        </div>
        {(session || pending) && (
          <nav className="pakt-nav pakt-noprint" aria-label={t('app.mainNav')}>
            <ul className="kern-container">
              {navItems.map((item) => (
                <li key={item.path}>
                  <a
                    className="pakt-nav__link"
                    href={`#${item.path}`}
                    aria-current={path === item.path ? 'page' : undefined}
                  >
                    {t(item.label)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        )}
      </header>
      <main id="main" ref={mainRef} tabIndex={-1} className="kern-container pakt-main">
        {children}
      </main>
      <footer className="pakt-footer pakt-noprint">
        <div className="kern-container pakt-footer__inner">
          <a className="kern-link" href="#/barrierefreiheit">
            {t('app.footer.a11y')}
          </a>
          <a className="kern-link" href="#/impressum">
            {t('app.footer.imprint')}
          </a>
          <a className="kern-link" href="#/datenschutz">
            {t('app.footer.privacyNotice')}
          </a>
        </div>
      </footer>
      <LiveRegion />
    </div>
  );
}
