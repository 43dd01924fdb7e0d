import { getLang } from '../i18n/i18n';
import {
  clearSession,
  getSession,
  reloadSession,
  saveLogin,
  type StoredSession,
} from '../auth/session-store';
import type { FieldError, LoginResponse, Problem } from './types';

export const API_BASE = '/api/v1';

/** An answer of the API that is not 2xx, with its problem document (already translated). */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
  }
  get status(): number {
    return this.problem.status;
  }
  get code(): string {
    return this.problem.code;
  }
  /** The message of the error concerning this field, if any. */
  fieldError(field: string): string | undefined {
    return this.problem.errors?.find((e) => e.field === field || e.field.startsWith(`${field}.`))
      ?.message;
  }
  get fieldErrors(): FieldError[] {
    return this.problem.errors ?? [];
  }
}

/** The request could not reach the API (no connection, DNS, timeout). */
export class OfflineError extends Error {
  constructor() {
    super('offline');
  }
}

/**
 * Whether a failed write may still have been done, or may be done later by the
 * same request: no answer at all (a slow or dropped link), the API busy or in
 * trouble, or the same key still being worked on. A refusal (other 4xx) is final.
 */
export const outcomeUnknown = (error: unknown): boolean =>
  error instanceof OfflineError ||
  (error instanceof ApiError &&
    (error.status >= 500 || error.status === 429 || error.code === 'idempotency_in_progress'));

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** The resource version for PATCH (sent as If-Match: W/"n"). */
  ifMatch?: number;
  /** Sent as Idempotency-Key (POST): a retry with the same key creates nothing twice. */
  idempotencyKey?: string;
  /** No bearer token (sign-in, refresh, public routes). */
  anonymous?: boolean;
  signal?: AbortSignal;
}

export interface ApiResponse<T> {
  status: number;
  data: T;
  etag: string | null;
}

const REQUEST_TIMEOUT_MS = 30_000;

let onSignedOut: () => void = () => undefined;
/** What to do when the session can no longer be refreshed (show the sign-in page). */
export const setSignedOutHandler = (handler: () => void): void => {
  onSignedOut = handler;
};

/** For answers that are not the API's own problem documents (a proxy's 502, say). */
const GENERIC_TITLE = {
  fr: 'Le serveur n’a pas pu répondre',
  en: 'The server could not answer',
};

async function parseProblem(response: Response): Promise<Problem> {
  try {
    const body = (await response.json()) as Problem;
    if (body && typeof body.code === 'string') return body;
  } catch {
    // not a problem document: fall through
  }
  return {
    status: response.status,
    title: `${GENERIC_TITLE[getLang()]} (HTTP ${response.status})`,
    code: 'http_error',
  };
}

async function rawFetch(path: string, options: RequestOptions, token?: string): Promise<Response> {
  const headers: Record<string, string> = { 'Accept-Language': getLang() };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  if (options.ifMatch !== undefined) headers['If-Match'] = `W/"${options.ifMatch}"`;
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
  const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  try {
    return await fetch(
      path.startsWith('/') && !path.startsWith(API_BASE) ? API_BASE + path : path,
      {
        method: options.method ?? 'GET',
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal,
        cache: 'no-store',
      },
    );
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new OfflineError();
  }
}

let refreshing: Promise<StoredSession | null> | null = null;

/**
 * Exchanges the refresh token for a new pair, once at a time across tabs: a
 * refresh token is spent on use, and presenting it twice ends the session.
 */
function refreshSession(spentAccessToken: string): Promise<StoredSession | null> {
  refreshing ??= (async () => {
    const run = async (): Promise<StoredSession | null> => {
      const stored = await reloadSession();
      if (!stored) return null;
      // Another tab refreshed while we waited for the lock.
      if (stored.accessToken !== spentAccessToken) return stored;
      const response = await rawFetch('/auth/refresh', {
        method: 'POST',
        body: { refreshToken: stored.refreshToken },
        anonymous: true,
      });
      if (response.status === 401 || response.status === 400) {
        await clearSession();
        onSignedOut();
        return null;
      }
      // Rate limited or a server in trouble: the session is still good, try later.
      if (!response.ok) throw new OfflineError();
      await saveLogin((await response.json()) as LoginResponse);
      return getSession();
    };
    try {
      return 'locks' in navigator
        ? await navigator.locks.request('toguna-refresh', run)
        : await run();
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

/** One API call: bearer token (refreshed when needed), language, problem documents as ApiError. */
export async function apiRequest<T>(
  path: string,
  options: RequestOptions = {},
): Promise<ApiResponse<T>> {
  let session = options.anonymous ? null : getSession();
  if (session && session.accessExpiresAt < Date.now()) {
    session = (await refreshSession(session.accessToken)) ?? session;
  }
  let response = await rawFetch(path, options, session?.accessToken);
  if (response.status === 401 && session) {
    const refreshed = await refreshSession(session.accessToken);
    if (refreshed) response = await rawFetch(path, options, refreshed.accessToken);
  }
  if (!response.ok) {
    const problem = await parseProblem(response);
    if (response.status === 401 && !options.anonymous) {
      await clearSession();
      onSignedOut();
    }
    throw new ApiError(problem);
  }
  const type = response.headers.get('content-type') ?? '';
  const data = (
    response.status === 204
      ? undefined
      : type.includes('json')
        ? await response.json()
        : await response.blob()
  ) as T;
  return { status: response.status, data, etag: response.headers.get('etag') };
}

/** The version number in an ETag header `W/"n"`. */
export const versionOf = (etag: string | null): number | undefined => {
  const match = etag?.match(/^W\/"(\d+)"$/);
  return match ? Number(match[1]) : undefined;
};

/**
 * The Idempotency-Keys of POSTs whose outcome is unknown, by request (path and
 * body). Sent again — the user taps once more after "no connection" — the same
 * request carries the same key, so a write the API did whose answer was lost
 * on a weak link is answered again instead of done twice. Forgotten once the
 * API answers; kept in memory only, at most a few.
 */
const keysOfUnknownOutcome = new Map<string, string>();
const MAX_UNKNOWN_OUTCOMES = 50;

async function postOnce<T>(path: string, body: unknown): Promise<T> {
  const request = `${path}\n${JSON.stringify(body)}`;
  const idempotencyKey = keysOfUnknownOutcome.get(request) ?? crypto.randomUUID();
  keysOfUnknownOutcome.delete(request);
  try {
    return (await apiRequest<T>(path, { method: 'POST', body, idempotencyKey })).data;
  } catch (error) {
    if (outcomeUnknown(error)) {
      if (keysOfUnknownOutcome.size >= MAX_UNKNOWN_OUTCOMES) {
        const oldest = keysOfUnknownOutcome.keys().next().value;
        if (oldest !== undefined) keysOfUnknownOutcome.delete(oldest);
      }
      keysOfUnknownOutcome.set(request, idempotencyKey);
    }
    throw error;
  }
}

export const api = {
  get: async <T>(path: string, signal?: AbortSignal): Promise<T> =>
    (await apiRequest<T>(path, { signal })).data,
  post: <T>(path: string, body?: unknown): Promise<T> => postOnce<T>(path, body ?? {}),
  patch: async <T>(path: string, body: unknown, version: number): Promise<T> =>
    (await apiRequest<T>(path, { method: 'PATCH', body, ifMatch: version })).data,
  put: async <T>(path: string, body: unknown): Promise<T> =>
    (await apiRequest<T>(path, { method: 'PUT', body })).data,
  delete: async (path: string): Promise<void> => {
    await apiRequest(path, { method: 'DELETE' });
  },
};
