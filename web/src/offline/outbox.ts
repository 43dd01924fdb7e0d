import { ApiError, apiRequest, OfflineError } from '../api/client';
import type { Problem } from '../api/types';
import { getSession } from '../auth/session-store';
import { deleteItem, listKeys, readItem, writeItem } from './store';

/** A write made without a connection, waiting to be sent with its Idempotency-Key. */
export interface OutboxItem {
  id: string;
  userId: string;
  method: 'POST' | 'PATCH';
  path: string;
  body: unknown;
  ifMatch?: number;
  idempotencyKey: string;
  /** What the user sees in the queue, already in their words. */
  label: string;
  createdAt: number;
  attempts: number;
  /** Set when the API refused it (4xx): it stays for the user to read and discard. */
  failed?: Problem;
}

const listeners = new Set<() => void>();
const changed = (): void => listeners.forEach((l) => l());
export function onOutboxChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export async function listOutbox(): Promise<OutboxItem[]> {
  const userId = getSession()?.user.id;
  const items: OutboxItem[] = [];
  for (const key of await listKeys('outbox')) {
    const item = await readItem<OutboxItem>('outbox', key);
    if (item && item.userId === userId) items.push(item);
  }
  return items.sort((a, b) => a.createdAt - b.createdAt);
}

export async function discardOutboxItem(id: string): Promise<void> {
  await deleteItem('outbox', id);
  changed();
}

export type SendResult<T> = { queued: false; data: T } | { queued: true; item: OutboxItem };

/**
 * Sends a write now; without a connection it is queued (with the same
 * Idempotency-Key it would have been sent with) and sent when the link returns.
 */
export async function sendOrQueue<T>(
  request: { method: 'POST' | 'PATCH'; path: string; body: unknown; ifMatch?: number },
  label: string,
): Promise<SendResult<T>> {
  const idempotencyKey = crypto.randomUUID();
  try {
    const response = await apiRequest<T>(request.path, { ...request, idempotencyKey });
    return { queued: false, data: response.data };
  } catch (error) {
    if (!(error instanceof OfflineError)) throw error;
    const item: OutboxItem = {
      id: crypto.randomUUID(),
      userId: getSession()?.user.id ?? '',
      ...request,
      idempotencyKey,
      label,
      createdAt: Date.now(),
      attempts: 1,
    };
    await writeItem('outbox', item.id, item);
    changed();
    return { queued: true, item };
  }
}

let flushing: Promise<void> | null = null;

/**
 * Sends queued writes in the order they were made. Stops at the first one the
 * API cannot be reached for; a refused one is kept, marked, and skipped.
 * A write the API already received (its answer was lost) is answered again
 * from the Idempotency-Key and nothing is created twice.
 */
export function flushOutbox(): Promise<void> {
  // One tab at a time sends (the others find the queue already emptied).
  const run = () => sendQueued();
  flushing ??= (async () => {
    try {
      await ('locks' in navigator ? navigator.locks.request('toguna-outbox', run) : run());
    } finally {
      flushing = null;
    }
  })();
  return flushing;
}

async function sendQueued(): Promise<void> {
  for (const item of await listOutbox()) {
    if (item.failed) continue;
    try {
      await apiRequest(item.path, {
        method: item.method,
        body: item.body,
        ifMatch: item.ifMatch,
        idempotencyKey: item.idempotencyKey,
      });
      await deleteItem('outbox', item.id);
    } catch (error) {
      if (error instanceof OfflineError) break;
      const later =
        error instanceof ApiError &&
        (error.status >= 500 || error.status === 429 || error.code === 'idempotency_in_progress');
      if (later) {
        await writeItem('outbox', item.id, { ...item, attempts: item.attempts + 1 });
        break;
      }
      if (error instanceof ApiError && error.status === 401) break;
      const failed =
        error instanceof ApiError
          ? error.problem
          : { status: 0, title: String(error), code: 'client_error' };
      await writeItem('outbox', item.id, { ...item, attempts: item.attempts + 1, failed });
    } finally {
      changed();
    }
  }
}

/** Flushes when the connection comes back, at start, and every 30 s while items wait. */
export function startOutboxSync(): () => void {
  const flush = (): void => {
    if (getSession()) void flushOutbox();
  };
  window.addEventListener('online', flush);
  const timer = window.setInterval(flush, 30_000);
  flush();
  return () => {
    window.removeEventListener('online', flush);
    window.clearInterval(timer);
  };
}
