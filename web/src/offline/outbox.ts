import { ApiError, apiRequest, OfflineError, outcomeUnknown } from '../api/client';
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

/** Whether writes of the user wait to be sent (refused ones are only kept to be read). */
async function writesWaiting(): Promise<boolean> {
  return (await listOutbox()).some((item) => !item.failed);
}

export async function discardOutboxItem(id: string): Promise<void> {
  await deleteItem('outbox', id);
  changed();
}

export type SendResult<T> = { queued: false; data: T } | { queued: true; item: OutboxItem };

/**
 * Sends a write now; without a connection it is queued (with the same
 * Idempotency-Key it would have been sent with) and sent when the link returns.
 * Writes keep their order: while earlier ones wait (an accord that the terms
 * being added belong to), a new one is queued behind them and the queue is
 * sent at once, the earlier ones first.
 */
export async function sendOrQueue<T>(
  request: { method: 'POST' | 'PATCH'; path: string; body: unknown; ifMatch?: number },
  label: string,
): Promise<SendResult<T>> {
  const idempotencyKey = crypto.randomUUID();
  const behindOthers = await writesWaiting();
  if (!behindOthers) {
    try {
      const response = await apiRequest<T>(request.path, { ...request, idempotencyKey });
      return { queued: false, data: response.data };
    } catch (error) {
      if (!(error instanceof OfflineError)) throw error;
    }
  }
  const item: OutboxItem = {
    id: crypto.randomUUID(),
    userId: getSession()?.user.id ?? '',
    ...request,
    idempotencyKey,
    label,
    createdAt: Date.now(),
    attempts: behindOthers ? 0 : 1,
  };
  await writeItem('outbox', item.id, item);
  changed();
  if (behindOthers) void flushOutbox();
  return { queued: true, item };
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

/**
 * One pass over the queue, then over whatever was queued meanwhile, each item
 * at most once; ends at the first write that must wait.
 */
async function sendQueued(): Promise<void> {
  const seen = new Set<string>();
  for (;;) {
    const items = (await listOutbox()).filter((item) => !item.failed && !seen.has(item.id));
    if (items.length === 0) return;
    for (const item of items) {
      seen.add(item.id);
      if (!(await sendOne(item))) return;
    }
  }
}

/**
 * Sends one queued write. A refused one is kept, marked, and skipped; false
 * when it (and so the rest of the queue) must wait: no connection, the API
 * busy or down, or the session to renew.
 */
async function sendOne(item: OutboxItem): Promise<boolean> {
  try {
    await apiRequest(item.path, {
      method: item.method,
      body: item.body,
      ifMatch: item.ifMatch,
      idempotencyKey: item.idempotencyKey,
    });
    await deleteItem('outbox', item.id);
    return true;
  } catch (error) {
    if (error instanceof OfflineError) return false;
    if (outcomeUnknown(error)) {
      await writeItem('outbox', item.id, { ...item, attempts: item.attempts + 1 });
      return false;
    }
    if (error instanceof ApiError && error.status === 401) return false;
    const failed =
      error instanceof ApiError
        ? error.problem
        : { status: 0, title: String(error), code: 'client_error' };
    await writeItem('outbox', item.id, { ...item, attempts: item.attempts + 1, failed });
    return true;
  } finally {
    changed();
  }
}

/** The first retry after a send that could not go through; doubled up to the longest. */
const FIRST_RETRY_MS = 2_000;
const LONGEST_RETRY_MS = 30_000;

/**
 * Sends the queue at start, when the connection comes back, and while writes
 * wait: soon after a failed send (a link that has just returned often drops
 * the first requests), then less and less often, at least every 30 s.
 */
export function startOutboxSync(): () => void {
  let timer: number | undefined;
  let delay = FIRST_RETRY_MS;
  let stopped = false;
  const schedule = (ms: number): void => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void flush(), ms);
  };
  const flush = async (): Promise<void> => {
    if (stopped || !getSession()) return;
    await flushOutbox();
    if (stopped) return;
    if (await writesWaiting()) {
      schedule(delay);
      delay = Math.min(delay * 2, LONGEST_RETRY_MS);
    } else {
      delay = FIRST_RETRY_MS;
      schedule(LONGEST_RETRY_MS);
    }
  };
  const online = (): void => {
    delay = FIRST_RETRY_MS;
    void flush();
  };
  window.addEventListener('online', online);
  void flush();
  return () => {
    stopped = true;
    window.removeEventListener('online', online);
    window.clearTimeout(timer);
  };
}
