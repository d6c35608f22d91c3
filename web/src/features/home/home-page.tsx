import { lazy, type ReactNode, Suspense } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSession } from '../../session/session.tsx';

// Each role's dashboard loads when it is shown, so a form opened by its address carries none of them.
const loadMunicipalityHome = () => import('../application/municipality-home.tsx');
const loadCaseloadPage = () => import('../plan/caseload-page.tsx');
const loadInboxPage = () => import('../review/inbox-page.tsx');
const loadAdminHome = () => import('../admin/admin-home.tsx');
const MunicipalityHome = lazy(() => loadMunicipalityHome().then((m) => ({ default: m.MunicipalityHome })));
const CaseloadPage = lazy(() => loadCaseloadPage().then((m) => ({ default: m.CaseloadPage })));
const InboxPage = lazy(() => loadInboxPage().then((m) => ({ default: m.InboxPage })));
const AdminHome = lazy(() => loadAdminHome().then((m) => ({ default: m.AdminHome })));

/**
 * Starts loading the dashboards while the user is still being loaded (the role is not known yet), so the
 * dashboard's code does not wait for the user and its data for the code.
 */
export function preloadDashboards(): void {
  for (const load of [loadMunicipalityHome, loadCaseloadPage, loadInboxPage, loadAdminHome]) void load();
}

export function HomePage() {
  const { role } = useSession();
  const { t } = useI18n();
  let page: ReactNode;
  if (role === 'municipality') page = <MunicipalityHome />;
  else if (role === 'manager' || role === 'coordinator') page = <CaseloadPage />;
  else if (role === 'reviewer') page = <InboxPage />;
  else page = <AdminHome />;
  return <Suspense fallback={<p className="kern-body">{t('app.loading')}</p>}>{page}</Suspense>;
}
