import { lazy, type ReactNode, Suspense, useCallback, useEffect, useState } from 'react';
import { api, UNAUTHORIZED_EVENT } from './api/client.ts';
import type { Me } from './api/types.ts';
import { clearToken, completeCognitoSignIn, getToken, loadConfig, signOut } from './auth/auth.ts';
import { HomePage, preloadDashboards } from './features/home/home-page.tsx';
import { AccessibilityPage } from './features/legal/accessibility-page.tsx';
import { LegalTextPage } from './features/legal/legal-text-page.tsx';
import { SignInPage } from './features/sign-in/sign-in-page.tsx';
import { useI18n } from './i18n/i18n.tsx';
import { Layout } from './layout.tsx';
import { currentPath, matchRoute, navigate, usePath } from './router.ts';
import { primaryRole, type Session, SessionContext } from './session/session.tsx';
import { PageHeading } from './ui/primitives.tsx';

// The form page carries rjsf and the theme; every other page loads without them.
const loadSubmissionPage = () => import('./features/submission/submission-page.tsx');
const SubmissionPage = lazy(loadSubmissionPage);
// Pages a form being filled in never needs: loaded when opened.
const AllocationsPage = lazy(() =>
  import('./features/allocations/allocations-page.tsx').then((m) => ({ default: m.AllocationsPage })),
);
const NotificationsPage = lazy(() =>
  import('./features/notifications/notifications-page.tsx').then((m) => ({ default: m.NotificationsPage })),
);
const PrintPage = lazy(() =>
  import('./features/submission/print-page.tsx').then((m) => ({ default: m.PrintPage })),
);
// Key figures are a reviewer's and a coordinator's page, opened now and then: kept out of the first load.
const KeyFiguresPage = lazy(() => import('./features/key-figures/key-figures-page.tsx'));
// The yearly key-figure report: a coordinator confirms once a year, a reviewer checks who came in.
const KeyFigureReportPage = lazy(() => import('./features/key-figures/report-page.tsx'));
// The user administration: opened now and then by admins, coordinators and municipality leads.
const UsersPage = lazy(() => import('./features/admin/users-page.tsx'));
const ProfilePage = lazy(() => import('./features/profile/profile-page.tsx'));
// Funding rounds and their planning frames: the admin's, a few times a year.
const RoundsAdminPage = lazy(() => import('./features/rounds/rounds-admin-page.tsx'));
// The API reference: for admins and integrators, loaded only on its page.
const ApiReferencePage = lazy(() => import('./features/api-reference/api-reference-page.tsx'));

type Phase = 'loading' | 'signedOut' | 'expired' | 'signedIn';

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
    // A form opened by its address: its code loads while the user is being loaded, not after.
    if (getToken() && matchRoute(currentPath()).page === 'submission') void loadSubmissionPage();
    if (getToken() && ['home', 'signin'].includes(matchRoute(currentPath()).page)) preloadDashboards();
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
  else if (route.page === 'imprint') content = <LegalTextPage which="imprint" />;
  else if (route.page === 'privacyNotice') content = <LegalTextPage which="privacy" />;
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
  else if (route.page === 'print')
    content = (
      <Suspense fallback={<p className="kern-body">{t('app.loading')}</p>}>
        <PrintPage id={route.id} />
      </Suspense>
    );
  else if (route.page === 'allocations')
    content = (
      <Suspense fallback={<p className="kern-body">{t('app.loading')}</p>}>
        <AllocationsPage />
      </Suspense>
    );
  else if (route.page === 'notifications')
    content = (
      <Suspense fallback={<p className="kern-body">{t('app.loading')}</p>}>
        <NotificationsPage />
      </Suspense>
    );
  else if (route.page === 'rounds')
    content = (
      <Suspense fallback={<p className="kern-body">{t('app.loading')}</p>}>
        <RoundsAdminPage />
      </Suspense>
    );
  else if (route.page === 'profile')
    content = (
      <Suspense fallback={<p className="kern-body">{t('app.loading')}</p>}>
        <ProfilePage />
      </Suspense>
    );
  else if (route.page === 'users')
    content = (
      <Suspense fallback={<p className="kern-body">{t('app.loading')}</p>}>
        <UsersPage />
      </Suspense>
    );
  else if (route.page === 'keyFigures')
    content = (
      <Suspense fallback={<p className="kern-body">{t('app.loading')}</p>}>
        <KeyFiguresPage />
      </Suspense>
    );
  else if (route.page === 'keyFigureReport' || route.page === 'keyFigureReportOf')
    content = (
      <Suspense fallback={<p className="kern-body">{t('app.loading')}</p>}>
        <KeyFigureReportPage
          {...(route.page === 'keyFigureReportOf' ? { year: route.year, org: route.org } : {})}
        />
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
      <Layout
        session={session}
        pending={phase === 'loading' && getToken() !== null}
        onSignOut={onSignOut}
        printing={route.page === 'print'}
      >
        {content}
      </Layout>
    </SessionContext.Provider>
  );
}
