import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { SessionUser } from '../api/types';
import { getSession, onSessionChange } from './session-store';

const SessionContext = createContext<SessionUser | null>(null);

/** The signed-in user, kept in step with the stored session. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SessionUser | null>(getSession()?.user ?? null);
  useEffect(() => onSessionChange((s) => setUser(s?.user ?? null)), []);
  return <SessionContext.Provider value={user}>{children}</SessionContext.Provider>;
}

export const useUser = (): SessionUser | null => useContext(SessionContext);

/** The signed-in user on a screen that only signed-in users reach. */
export function useSignedInUser(): SessionUser {
  const user = useContext(SessionContext);
  if (!user) throw new Error('useSignedInUser outside a signed-in screen');
  return user;
}
