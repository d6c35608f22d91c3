/**
 * The signed-in person and the role they act in, for every page below the app. Its own module so that
 * pages read the session without importing the app that imports them.
 */
import { createContext, useContext } from 'react';
import type { Me, Role } from '../api/types.ts';

export interface Session {
  me: Me;
  role: Role;
}

export const SessionContext = createContext<Session | null>(null);

/** The session of the signed-in person; only pages rendered for a signed-in person call it. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('no session');
  return session;
}

/** The role a person acts in: the first of their roles the app knows a home page for. */
export const primaryRole = (roles: Role[]): Role =>
  (['reviewer', 'coordinator', 'manager', 'municipality', 'admin'] as const).find((r) => roles.includes(r)) ??
  'admin';
