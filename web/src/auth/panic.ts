import { apiRequest } from '../api/client';
import { clearSession, getSession } from './session-store';
import { wipeDevice } from '../offline/store';

/** Other tabs of the app on this device hear a panic and wipe and reload too. */
const channel = 'BroadcastChannel' in window ? new BroadcastChannel('toguna-panic') : null;
channel?.addEventListener('message', () => void wipeAndLeave());

async function wipeAndLeave(): Promise<void> {
  await clearSession().catch(() => undefined);
  await wipeDevice();
  window.location.replace('/');
}

/**
 * A seized or lost phone: erase everything on the device at once (queued
 * writes included) while asking the server to revoke every session of the
 * user, then start again from the sign-in page. The server call carries the
 * token read before the wipe and is not waited for longer than 5 s.
 */
export async function panic(): Promise<void> {
  const revoke = getSession()
    ? Promise.race([
        apiRequest('/auth/panic', { method: 'POST', body: {} }).catch(() => undefined),
        new Promise((resolve) => setTimeout(resolve, 5000)),
      ])
    : Promise.resolve();
  channel?.postMessage('panic');
  await Promise.all([revoke, clearSession().catch(() => undefined), wipeDevice()]);
  window.location.replace('/');
}

/** Ends this session on the server and forgets it on the device (queued writes stay). */
export async function signOut(): Promise<void> {
  await apiRequest('/auth/logout', { method: 'POST', body: {} }).catch(() => undefined);
  await clearSession();
}
