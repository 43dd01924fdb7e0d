import { useCallback, useEffect, useState } from 'react';
import { api } from '../api/client';
import type { Page } from '../api/types';
import { getKept } from '../offline/records';
import { notVisible } from './use-api';

export interface PagedState<T> {
  items: T[];
  error: unknown;
  loading: boolean;
  savedAt: number | null;
  hasMore: boolean;
  loadMore: () => void;
  reload: () => void;
}

interface Pages<T> {
  /** The list these items belong to; a page of another list is never shown. */
  path: string | null;
  items: T[];
  cursor: string | null;
  error: unknown;
  loading: boolean;
  savedAt: number | null;
}

const empty = <T>(path: string | null): Pages<T> => ({
  path,
  items: [],
  cursor: null,
  error: undefined,
  loading: path !== null,
  savedAt: null,
});

/**
 * A keyset-paginated list (`{items, nextCursor}`): the first page on load,
 * the next on `loadMore`. `keep` stores the first page for offline reading.
 * Like useApi, the items always belong to the current path.
 */
export function usePaged<T>(path: string | null, options: { keep?: boolean } = {}): PagedState<T> {
  const [state, setState] = useState<Pages<T>>(() => empty(path));
  const [tick, setTick] = useState(0);
  const keep = options.keep ?? false;

  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    setState((s) =>
      s.path === path ? { ...s, loading: true, error: undefined } : { ...empty(path) },
    );
    const load = keep
      ? getKept<Page<T>>(path, controller.signal)
      : api.get<Page<T>>(path, controller.signal).then((data) => ({ data, savedAt: null }));
    load.then(
      ({ data, savedAt }) => {
        if (controller.signal.aborted) return;
        setState({
          path,
          items: data.items,
          cursor: data.nextCursor,
          savedAt,
          error: undefined,
          loading: false,
        });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState((s) =>
          s.path === path && !notVisible(error)
            ? { ...s, error, loading: false }
            : { ...empty<T>(path), error, loading: false },
        );
      },
    );
    return () => controller.abort();
  }, [path, keep, tick]);

  const { cursor } = state;
  const loadMore = useCallback(() => {
    if (!cursor || path === null) return;
    setState((s) => ({ ...s, loading: true }));
    const separator = path.includes('?') ? '&' : '?';
    api.get<Page<T>>(`${path}${separator}cursor=${encodeURIComponent(cursor)}`).then(
      (page) => {
        // The list changed meanwhile: this page belongs to the one before.
        setState((s) =>
          s.path === path
            ? { ...s, items: [...s.items, ...page.items], cursor: page.nextCursor, loading: false }
            : s,
        );
      },
      (error: unknown) => {
        setState((s) => (s.path === path ? { ...s, error, loading: false } : s));
      },
    );
  }, [cursor, path]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  const shown = state.path === path ? state : empty<T>(path);
  return {
    items: shown.items,
    error: shown.error,
    loading: shown.loading,
    savedAt: shown.savedAt,
    hasMore: shown.cursor !== null,
    loadMore,
    reload,
  };
}
