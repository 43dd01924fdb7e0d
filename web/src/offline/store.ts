import { clear, createStore, del, get, keys, set, type UseStore } from 'idb-keyval';

/**
 * Everything the app keeps on the device, in one IndexedDB database so that
 * "panic" can wipe it in one call: the session, the records last opened
 * (readable offline) and the writes waiting for a connection.
 */
const stores = {
  session: createStore('toguna', 'session'),
  records: createStore('toguna-records', 'records'),
  outbox: createStore('toguna-outbox', 'outbox'),
} satisfies Record<string, UseStore>;

export type StoreName = keyof typeof stores;

export const readItem = <T>(store: StoreName, key: string): Promise<T | undefined> =>
  get<T>(key, stores[store]);
export const writeItem = (store: StoreName, key: string, value: unknown): Promise<void> =>
  set(key, value, stores[store]);
export const deleteItem = (store: StoreName, key: string): Promise<void> => del(key, stores[store]);
export const listKeys = (store: StoreName): Promise<string[]> => keys<string>(stores[store]);

/** Runs every step even when one fails: a half-done wipe is the worst outcome. */
async function each(steps: (() => Promise<unknown> | void)[]): Promise<void> {
  for (const step of steps) {
    try {
      await step();
    } catch {
      // go on with the next step
    }
  }
}

/** Erases every local trace: stored data, cached shell, service worker, preferences. */
export async function wipeDevice(): Promise<void> {
  await each([
    () => localStorage.clear(),
    () => sessionStorage.clear(),
    ...Object.values(stores).map((store) => () => clear(store)),
    ...['toguna', 'toguna-records', 'toguna-outbox'].map(
      (name) => () =>
        new Promise<void>((resolve) => {
          const request = indexedDB.deleteDatabase(name);
          request.onsuccess = request.onerror = request.onblocked = () => resolve();
        }),
    ),
    async () => {
      for (const key of await caches.keys()) await caches.delete(key);
    },
    async () => {
      for (const registration of await navigator.serviceWorker.getRegistrations())
        await registration.unregister();
    },
  ]);
}
