import { useSession } from '../../session/session.tsx';
import { AdminHome } from '../admin/admin-home.tsx';
import { MunicipalityHome } from '../application/municipality-home.tsx';
import { CaseloadPage } from '../plan/caseload-page.tsx';
import { InboxPage } from '../review/inbox-page.tsx';

export function HomePage() {
  const { role } = useSession();
  if (role === 'municipality') return <MunicipalityHome />;
  if (role === 'manager' || role === 'coordinator') return <CaseloadPage />;
  if (role === 'reviewer') return <InboxPage />;
  return <AdminHome />;
}
