import { useCallback, useRef, useState } from 'react';

export interface Action {
  busy: boolean;
  /** What the last run threw (an ApiError, OfflineError…), for ErrorMessage / fieldError. */
  error: unknown;
  /**
   * Runs `work` unless a run is in progress (a double tap sends once); true
   * when it succeeded. Its error is kept, not thrown.
   */
  run: (work: () => Promise<unknown>) => Promise<boolean>;
  setError: (error: unknown) => void;
}

/** The state of a form's submission: busy while it runs, the error it ended with. */
export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const running = useRef(false);
  const run = useCallback(async (work: () => Promise<unknown>) => {
    if (running.current) return false;
    running.current = true;
    setBusy(true);
    setError(undefined);
    try {
      await work();
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);
  return { busy, error, run, setError };
}
