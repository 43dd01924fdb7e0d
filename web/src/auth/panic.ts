import { apiRequest } from '../api/client';
import { clearSession, getSession } from './session-store';
import { wipeDevice } from '../offline/store';

/**
 * A seized or lost phone: revoke every session of the user on the server
 * (when reachable, without waiting long) and erase everything on the device,
 * queued writes included.
 */
export async function panic(): Promise<void> {
  if (getSession()) {
    await Promise.race([
      apiRequest('/auth/panic', { method: 'POST', body: {} }).catch(() => undefined),
      new Promise((resolve) => setTimeout(resolve, 5000)),
    ]);
  }
  await clearSession().catch(() => undefined);
  await wipeDevice();
}

/** Ends this session on the server and forgets it on the device (queued writes stay). */
export async function signOut(): Promise<void> {
  await apiRequest('/auth/logout', { method: 'POST', body: {} }).catch(() => undefined);
  await clearSession();
}
