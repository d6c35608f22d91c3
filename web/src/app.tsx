import {
  createContext,
  lazy,
  type ReactNode,
  Suspense,
  useCallback,
  useContext,
  useEffect,
  useRef,
  useState,
} from 'react';
import { api, UNAUTHORIZED_EVENT } from './api/client.ts';
import type { Me, Role } from './api/types.ts';
import { clearToken, completeCognitoSignIn, getToken, loadConfig, signOut } from './auth/auth.ts';
import { useI18n } from './i18n/i18n.tsx';
import type { MessageKey } from './i18n/messages.ts';
import { AccessibilityPage } from './pages/accessibility.tsx';
import { AllocationsPage } from './pages/allocations.tsx';
import { HomePage } from './pages/home.tsx';
import { NotificationsLink, NotificationsPage } from './pages/notifications.tsx';
import { PrintPage } from './pages/print.tsx';
import { SignInPage } from './pages/sign-in.tsx';
import { LiveRegion, PageHeading } from './pages/ui.tsx';
import { currentPath, matchRoute, navigate, usePath } from './router.ts';

// The form page carries rjsf and the theme; every other page loads without them.
const SubmissionPage = lazy(() => import('./pages/submission.tsx'));
// Key figures are a reviewer's and a coordinator's page, opened now and then: kept out of the first load.
const KeyFiguresPage = lazy(() => import('./pages/key-figures.tsx'));
const ApiReferencePage = lazy(() => import('./pages/api-reference.tsx'));

export interface Session {
  me: Me;
  role: Role;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('no session');
  return session;
}

type Phase = 'loading' | 'signedOut' | 'expired' | 'signedIn';

/** The role a person acts in: the first of their roles the app knows a home page for. */
const primaryRole = (roles: Role[]): Role =>
  (['reviewer', 'coordinator', 'manager', 'municipality', 'admin'] as const).find((r) => roles.includes(r)) ??
  'admin';

export function App() {
  const { t } = useI18n();
  const [phase, setPhase] = useState<Phase>('loading');
  const [me, setMe] = useState<Me | null>(null);
  const [signedOutNotice, setSignedOutNotice] = useState(false);
  const path = usePath();
  const route = matchRoute(path);

  const loadMe = useCallback(async () => {
    try {
      const { data } = await api.me();
      setMe(data);
      setPhase('signedIn');
    } catch {
      setPhase((p) => (p === 'expired' ? p : 'signedOut'));
    }
  }, []);

  useEffect(() => {
    (async () => {
      const config = await loadConfig();
      if (config.auth.mode === 'cognito') {
        try {
          const returnTo = await completeCognitoSignIn(config.auth);
          if (returnTo) navigate(returnTo);
        } catch {
          clearToken();
        }
      }
      if (getToken()) await loadMe();
      else setPhase('signedOut');
    })();
  }, [loadMe]);

  useEffect(() => {
    const expired = () => {
      clearToken();
      setPhase('expired');
    };
    window.addEventListener(UNAUTHORIZED_EVENT, expired);
    return () => window.removeEventListener(UNAUTHORIZED_EVENT, expired);
  }, []);

  const onSignedIn = useCallback(async () => {
    setSignedOutNotice(false);
    await loadMe();
    if (matchRoute(currentPath()).page === 'signin') navigate('/');
  }, [loadMe]);

  const onSignOut = useCallback(async () => {
    await signOut();
    setMe(null);
    setSignedOutNotice(true);
    setPhase('signedOut');
    navigate('/');
  }, []);

  const session: Session | null = me && phase === 'signedIn' ? { me, role: primaryRole(me.roles) } : null;

  let content: ReactNode;
  if (route.page === 'accessibility') content = <AccessibilityPage />;
  // The API reference holds no data: readable without sign-in, like the document it shows.
  else if (route.page === 'apiReference')
    content = (
      <Suspense fallback={<p className="kern-body">{t('app.loading')}</p>}>
        <ApiReferencePage />
      </Suspense>
    );
  else if (phase === 'loading') content = <p className="kern-body">{t('app.loading')}</p>;
  else if (!session)
    content = (
      <SignInPage expired={phase === 'expired'} signedOut={signedOutNotice} onSignedIn={onSignedIn} />
    );
  else if (route.page === 'home' || route.page === 'signin') content = <HomePage />;
  else if (route.page === 'submission')
    content = (
      <Suspense fallback={<p className="kern-body">{t('form.loading')}</p>}>
        <SubmissionPage key={route.id} id={route.id} />
      </Suspense>
    );
  else if (route.page === 'print') content = <PrintPage id={route.id} />;
  else if (route.page === 'allocations') content = <AllocationsPage />;
  else if (route.page === 'notifications') content = <NotificationsPage />;
  else if (route.page === 'keyFigures')
    content = (
      <Suspense fallback={<p className="kern-body">{t('app.loading')}</p>}>
        <KeyFiguresPage />
      </Suspense>
    );
  else
    content = (
      <>
        <PageHeading>{t('app.notFound')}</PageHeading>
        <p className="kern-body">
          <a className="kern-link" href="#/">
            {t('app.back')}
          </a>
        </p>
      </>
    );

  return (
    <SessionContext.Provider value={session}>
      <Layout session={session} onSignOut={onSignOut} printing={route.page === 'print'}>
        {content}
      </Layout>
    </SessionContext.Provider>
  );
}

function Flag() {
  return (
    <svg viewBox="0 0 5 3" width="20" height="12" aria-hidden="true" focusable="false">
      <rect width="5" height="1" y="0" fill="#000" />
      <rect width="5" height="1" y="1" fill="#dd0000" />
      <rect width="5" height="1" y="2" fill="#ffcc00" />
    </svg>
  );
}

function Layout({
  session,
  onSignOut,
  printing,
  children,
}: {
  session: Session | null;
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
    navItems.push({ path: '/kennzahlen', label: 'nav.keyFigures' });
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
            {session && (
              <>
                <NotificationsLink />
                <span className="pakt-user kern-body kern-body--small">
                  {t('app.signedInAs', {
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
        {session && (
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
          <span className="kern-body kern-body--small">{t('app.footer.privacy')}</span>
        </div>
      </footer>
      <LiveRegion />
    </div>
  );
}
