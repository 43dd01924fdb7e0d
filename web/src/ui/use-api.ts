import { useCallback, useEffect, useState } from 'react';
import { api } from '../api/client';
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
 * Loads a GET route for a screen. `keep` stores the answer on the device so the
 * screen opens again offline (cases, meetings, accords the user opened).
 * A null path loads nothing (not ready yet).
 */
export function useApi<T>(path: string | null, options: { keep?: boolean } = {}): ApiState<T> {
  const [state, setState] = useState<Omit<ApiState<T>, 'reload'>>({
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
    setState((s) => ({ ...s, loading: true, error: undefined }));
    const load = keep
      ? getKept<T>(path, controller.signal)
      : api.get<T>(path, controller.signal).then((data) => ({ data, savedAt: null }));
    load.then(
      ({ data, savedAt }) => {
        if (!controller.signal.aborted)
          setState({ data, savedAt, error: undefined, loading: false });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState((s) => ({ ...s, error, loading: false }));
      },
    );
    return () => controller.abort();
  }, [path, keep, tick]);

  return { ...state, reload };
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
