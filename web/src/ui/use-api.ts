import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from '../api/client';
import { getKept } from '../offline/records';

export interface ApiState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** When the data shown is the copy kept on the device (no connection): its date. */
  savedAt: number | null;
  reload: () => void;
}

/**
 * The API says the record is not (or no longer) the user's to see: whatever
 * was shown of it goes, even the answer of a moment ago.
 */
export const notVisible = (error: unknown): boolean =>
  error instanceof ApiError && [403, 404, 410].includes(error.status);

interface Loaded<T> {
  /** The path these data answer: data never outlive the path they were read from. */
  path: string | null;
  data: T | undefined;
  savedAt: number | null;
  error: unknown;
  loading: boolean;
}

/**
 * Loads a GET route for a screen. `keep` stores the answer on the device so the
 * screen opens again offline (cases, meetings, accords the user opened).
 * A null path loads nothing (not ready yet).
 *
 * What it returns always belongs to the current path: when the path changes
 * (another record in the URL) the previous record's data are gone at once,
 * not when the new answer comes, and an error for this path never shows
 * another record's data beside it.
 */
export function useApi<T>(path: string | null, options: { keep?: boolean } = {}): ApiState<T> {
  const [state, setState] = useState<Loaded<T>>({
    path,
    data: undefined,
    error: undefined,
    loading: path !== null,
    savedAt: null,
  });
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  const keep = options.keep ?? false;

  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    setState((s) =>
      s.path === path
        ? { ...s, loading: true, error: undefined }
        : { path, data: undefined, savedAt: null, error: undefined, loading: true },
    );
    const load = keep
      ? getKept<T>(path, controller.signal)
      : api.get<T>(path, controller.signal).then((data) => ({ data, savedAt: null }));
    load.then(
      ({ data, savedAt }) => {
        if (!controller.signal.aborted)
          setState({ path, data, savedAt, error: undefined, loading: false });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState((s) => ({
          path,
          // A failed reload of this same record keeps it on screen (offline, a
          // server in trouble), unless the API says it is no longer visible.
          data: s.path === path && !notVisible(error) ? s.data : undefined,
          savedAt: s.path === path && !notVisible(error) ? s.savedAt : null,
          error,
          loading: false,
        }));
      },
    );
    return () => controller.abort();
  }, [path, keep, tick]);

  if (state.path !== path)
    return { data: undefined, error: undefined, loading: path !== null, savedAt: null, reload };
  const { data, error, loading, savedAt } = state;
  return { data, error, loading, savedAt, reload };
}

/** Builds a query string from the defined, non-empty values. */
export function query(
  params: Record<string, string | number | boolean | null | undefined>,
): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}
