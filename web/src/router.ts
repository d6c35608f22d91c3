/**
 * A tiny hash router: routes live after `#`, so the static host needs no rewrite rules and the Cognito
 * redirect (`?code=`) never collides with a route.
 */
import { useEffect, useState } from 'react';

export const currentPath = () => window.location.hash.replace(/^#/, '') || '/';

export function navigate(path: string): void {
  if (currentPath() === path) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else window.location.hash = path;
}

export function usePath(): string {
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    const update = () => setPath(currentPath());
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return path;
}

export type Route =
  | { page: 'home' }
  | { page: 'signin' }
  | { page: 'submission'; id: string }
  | { page: 'print'; id: string }
  | { page: 'allocations' }
  | { page: 'keyFigures' }
  | { page: 'keyFigureReport' }
  | { page: 'keyFigureReportOf'; year: number; org: string }
  | { page: 'accessibility' }
  | { page: 'apiReference' }
  | { page: 'imprint' }
  | { page: 'privacyNotice' }
  | { page: 'notifications' }
  | { page: 'users' }
  | { page: 'rounds' }
  | { page: 'profile' }
  | { page: 'notFound' };

export function matchRoute(path: string): Route {
  const clean = path.split('?')[0] ?? '/';
  if (clean === '/' || clean === '') return { page: 'home' };
  if (clean === '/anmelden') return { page: 'signin' };
  if (clean === '/planungsrahmen') return { page: 'allocations' };
  if (clean === '/kennzahlen') return { page: 'keyFigures' };
  if (clean === '/kennzahlenbericht') return { page: 'keyFigureReport' };
  const report = /^\/kennzahlenbericht\/(\d{4})\/([^/]+)$/.exec(clean);
  if (report?.[1] && report[2])
    return { page: 'keyFigureReportOf', year: Number(report[1]), org: decodeURIComponent(report[2]) };
  if (clean === '/barrierefreiheit') return { page: 'accessibility' };
  if (clean === '/api-referenz') return { page: 'apiReference' };
  if (clean === '/impressum') return { page: 'imprint' };
  if (clean === '/datenschutz') return { page: 'privacyNotice' };
  if (clean === '/benachrichtigungen') return { page: 'notifications' };
  if (clean === '/benutzer') return { page: 'users' };
  if (clean === '/foerderrunden') return { page: 'rounds' };
  if (clean === '/stammdaten') return { page: 'profile' };
  const sub = /^\/vorgang\/([^/]+)(\/druck)?$/.exec(clean);
  if (sub?.[1])
    return sub[2]
      ? { page: 'print', id: decodeURIComponent(sub[1]) }
      : { page: 'submission', id: decodeURIComponent(sub[1]) };
  return { page: 'notFound' };
}

export const keyFigureReportPath = (year: number, org: string) =>
  `/kennzahlenbericht/${year}/${encodeURIComponent(org)}`;

export const submissionPath = (id: string) => `/vorgang/${encodeURIComponent(id)}`;
