import { createHmac } from 'node:crypto';
import { AppError } from '../app-error';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
/** The secret of the request hashes, in the keys folder (shared by every instance). */
export const REQUEST_HASH_KEY_FILE = 'idempotency.key';
export const REQUEST_HASH_KEY = Symbol('IDEMPOTENCY_REQUEST_HASH_KEY');

/** 1–200 visible ASCII characters (no space, no control character). */
const KEY_PATTERN = /^[\x21-\x7E]{1,200}$/;

/** The key of the header; undefined when absent; 400 validation_failed when malformed. */
export function parseIdempotencyKey(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (typeof header === 'string' && KEY_PATTERN.test(header)) return header;
  throw new AppError('validation_failed', {
    errors: [
      {
        field: IDEMPOTENCY_KEY_HEADER,
        message: 'expected 1 to 200 visible ASCII characters',
        code: 'matches',
      },
    ],
  });
}

/** The value with the keys of every object sorted, so that key order does not matter. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    const source = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(source)
        .sort()
        .map((k) => [k, canonical(source[k])]),
    );
  }
  return value;
}

export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonical(value ?? null));
}

/**
 * HMAC-SHA-256 of method, path (without query) and canonical JSON body,
 * keyed by `idempotency.key` of the keys folder: bodies may hold passwords,
 * and a plain hash in a copy of the database could be guessed offline.
 */
export function requestHash(key: Buffer, method: string, url: string, body: unknown): Buffer {
  const path = url.split('?')[0];
  return createHmac('sha256', key)
    .update(`${method.toUpperCase()}\n${path}\n${canonicalJson(body)}`)
    .digest();
}
