import { api, ApiError, OfflineError } from '../api/client';
import { getSession } from '../auth/session-store';
import { deleteItem, readItem, writeItem } from './store';

export interface Cached<T> {
  data: T;
  /** When the copy was fetched (epoch ms). */
  savedAt: number;
}

/**
 * Identities and exact places are never written to the device, even for the
 * case team: a seized phone must not name anyone. The copy keeps pseudonyms.
 */
const NEVER_KEPT = new Set([
  'realName',
  'contact',
  'legalName',
  'idDocumentNumber',
  'confidentialNotes',
  'locationDetail',
]);

function withoutIdentities(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutIdentities);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !NEVER_KEPT.has(key))
        .map(([key, v]) => [key, withoutIdentities(v)]),
    );
  return value;
}

/**
 * GET that keeps the answer on the device, and answers from that copy when
 * the API cannot be reached. Only screens the user opened are kept
 * (cases, meetings, accords): nothing is prefetched. Copies are kept per user
 * (one phone may pass from one mediator to another), without identities, and
 * dropped when the API says the record is gone or no longer the user's.
 */
export async function getKept<T>(
  path: string,
  signal?: AbortSignal,
): Promise<{ data: T; savedAt: number | null }> {
  const userId = getSession()?.user.id;
  if (!userId) return { data: await api.get<T>(path, signal), savedAt: null };
  const key = `${userId} ${path}`;
  try {
    const data = await api.get<T>(path, signal);
    // Signed out or another user signed in meanwhile: this answer is not theirs to keep.
    if (getSession()?.user.id === userId) {
      const copy: Cached<unknown> = { data: withoutIdentities(data), savedAt: Date.now() };
      await writeItem('records', key, copy);
    }
    return { data, savedAt: null };
  } catch (error) {
    if (error instanceof ApiError && [403, 404, 410].includes(error.status))
      await deleteItem('records', key);
    if (!(error instanceof OfflineError)) throw error;
    const kept = await readItem<Cached<T>>('records', key);
    if (!kept) throw error;
    return { data: kept.data, savedAt: kept.savedAt };
  }
}
