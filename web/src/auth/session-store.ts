import type { LoginResponse, SessionUser } from '../api/types';
import { readItem, writeItem, deleteItem } from '../offline/store';

export interface StoredSession {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms after which the access token is refreshed before use. */
  accessExpiresAt: number;
  user: SessionUser;
}

/**
 * The signed-in session, kept in IndexedDB so that the app reopens offline
 * and queued writes can be sent later; panic and sign-out erase it.
 */
let current: StoredSession | null = null;
const listeners = new Set<(s: StoredSession | null) => void>();

export const getSession = (): StoredSession | null => current;

export function onSessionChange(listener: (s: StoredSession | null) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

async function publish(next: StoredSession | null): Promise<void> {
  current = next;
  if (next) await writeItem('session', 'current', next);
  else await deleteItem('session', 'current');
  for (const listener of listeners) listener(next);
}

export async function loadSession(): Promise<StoredSession | null> {
  current = (await readItem<StoredSession>('session', 'current')) ?? null;
  return current;
}

/** Re-reads the stored session (another tab may have refreshed the tokens). */
export async function reloadSession(): Promise<StoredSession | null> {
  const stored = (await readItem<StoredSession>('session', 'current')) ?? null;
  current = stored;
  return stored;
}

export const saveLogin = (login: LoginResponse): Promise<void> =>
  publish({
    accessToken: login.accessToken,
    refreshToken: login.refreshToken,
    // Early (a minute, or a quarter of a short lifetime), so a request never
    // leaves with a token about to expire.
    accessExpiresAt: Date.now() + (login.expiresIn - Math.min(60, login.expiresIn / 4)) * 1000,
    user: login.user,
  });

export const updateUser = (user: SessionUser): Promise<void> =>
  current ? publish({ ...current, user }) : Promise.resolve();

export const clearSession = (): Promise<void> => publish(null);

/**
 * This device's token from its last sign-in: sent with the next one, it
 * spares the user the locks that strangers' failures put on the account or
 * on a shared address. Kept across sign-out (it names no one); panic wipes it.
 */
export const readDeviceToken = (): Promise<string | undefined> =>
  readItem<string>('session', 'device');

export const saveDeviceToken = (token: string): Promise<void> =>
  writeItem('session', 'device', token);
