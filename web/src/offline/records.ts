import { api, OfflineError } from '../api/client';
import { getSession } from '../auth/session-store';
import { readItem, writeItem } from './store';

export interface Cached<T> {
  data: T;
  /** When the copy was fetched (epoch ms). */
  savedAt: number;
}

/** Records are kept per user: one phone may be handed from one mediator to another. */
const keyFor = (path: string): string => `${getSession()?.user.id ?? 'anonymous'} ${path}`;

/**
 * GET that keeps the answer on the device, and answers from that copy when
 * the API cannot be reached. Only screens the user opened are kept
 * (cases, meetings, accords): nothing is prefetched.
 */
export async function getKept<T>(
  path: string,
  signal?: AbortSignal,
): Promise<{ data: T; savedAt: number | null }> {
  try {
    const data = await api.get<T>(path, signal);
    await writeItem('records', keyFor(path), { data, savedAt: Date.now() } satisfies Cached<T>);
    return { data, savedAt: null };
  } catch (error) {
    if (!(error instanceof OfflineError)) throw error;
    const kept = await readItem<Cached<T>>('records', keyFor(path));
    if (!kept) throw error;
    return { data: kept.data, savedAt: kept.savedAt };
  }
}
