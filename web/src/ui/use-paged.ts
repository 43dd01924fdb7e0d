import { useCallback, useEffect, useState } from 'react';
import { api } from '../api/client';
import type { Page } from '../api/types';
import { getKept } from '../offline/records';

export interface PagedState<T> {
  items: T[];
  error: unknown;
  loading: boolean;
  savedAt: number | null;
  hasMore: boolean;
  loadMore: () => void;
  reload: () => void;
}

/**
 * A keyset-paginated list (`{items, nextCursor}`): the first page on load,
 * the next on `loadMore`. `keep` stores the first page for offline reading.
 */
export function usePaged<T>(path: string | null, options: { keep?: boolean } = {}): PagedState<T> {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const [loading, setLoading] = useState(path !== null);
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const [tick, setTick] = useState(0);
  const keep = options.keep ?? false;

  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    setLoading(true);
    setError(undefined);
    const load = keep
      ? getKept<Page<T>>(path, controller.signal)
      : api.get<Page<T>>(path, controller.signal).then((data) => ({ data, savedAt: null }));
    load.then(
      ({ data, savedAt: saved }) => {
        if (controller.signal.aborted) return;
        setItems(data.items);
        setCursor(data.nextCursor);
        setSavedAt(saved);
        setLoading(false);
      },
      (e: unknown) => {
        if (controller.signal.aborted) return;
        setError(e);
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [path, keep, tick]);

  const loadMore = useCallback(() => {
    if (!cursor || path === null) return;
    setLoading(true);
    const separator = path.includes('?') ? '&' : '?';
    api.get<Page<T>>(`${path}${separator}cursor=${encodeURIComponent(cursor)}`).then(
      (page) => {
        setItems((previous) => [...previous, ...page.items]);
        setCursor(page.nextCursor);
        setLoading(false);
      },
      (e: unknown) => {
        setError(e);
        setLoading(false);
      },
    );
  }, [cursor, path]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { items, error, loading, savedAt, hasMore: cursor !== null, loadMore, reload };
}
