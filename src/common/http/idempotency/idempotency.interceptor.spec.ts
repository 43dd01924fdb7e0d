import { CallHandler, ExecutionContext } from '@nestjs/common';
import { lastValueFrom, Observable, of, throwError } from 'rxjs';
import { AppError } from '../app-error';
import { canonicalJson, parseIdempotencyKey, requestHash } from './idempotency-key';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import {
  Claim,
  ExistingRecord,
  IdempotencyRepository,
  StoredResponse,
} from './idempotency.repository';

/** idempotency_record in memory: same contract as the SQL (one claim per user and key). */
class MemoryRecords {
  rows = new Map<string, { hash: Buffer; response: StoredResponse | null; token: string }>();
  purged = 0;
  private seq = 0;

  claim(userId: string, key: string, hash: Buffer): Promise<Claim | null> {
    const id = `${userId}/${key}`;
    if (this.rows.has(id)) return Promise.resolve(null);
    const token = String(++this.seq);
    this.rows.set(id, { hash, response: null, token });
    return Promise.resolve({ userId, key, token });
  }

  find(userId: string, key: string): Promise<ExistingRecord | null> {
    const row = this.rows.get(`${userId}/${key}`);
    if (!row) return Promise.resolve(null);
    // What the database gives back: JSON, not the handler's objects.
    const response = row.response
      ? (JSON.parse(JSON.stringify(row.response)) as StoredResponse)
      : null;
    return Promise.resolve({ requestHash: row.hash, response, abandoned: false });
  }

  complete(claim: Claim, response: StoredResponse): Promise<void> {
    const row = this.rows.get(`${claim.userId}/${claim.key}`);
    if (row?.token === claim.token) row.response = response;
    return Promise.resolve();
  }

  release(claim: Claim): Promise<void> {
    const id = `${claim.userId}/${claim.key}`;
    if (this.rows.get(id)?.token === claim.token) this.rows.delete(id);
    return Promise.resolve();
  }

  purgeExpired(): Promise<number> {
    this.purged++;
    return Promise.resolve(0);
  }
}

interface FakeReply {
  statusCode: number;
  sent: Record<string, string>;
  status(code: number): FakeReply;
  header(name: string, value: string): FakeReply;
  headers(values: Record<string, string>): FakeReply;
  getHeader(name: string): string | undefined;
}

function fakeReply(statusCode: number): FakeReply {
  const reply: FakeReply = {
    statusCode,
    sent: {},
    status(code) {
      reply.statusCode = code;
      return reply;
    },
    header(name, value) {
      reply.sent[name.toLowerCase()] = value;
      return reply;
    },
    headers(values) {
      for (const [name, value] of Object.entries(values)) reply.header(name, value);
      return reply;
    },
    getHeader: (name) => reply.sent[name.toLowerCase()],
  };
  return reply;
}

const USER = '5d7c2a10-0000-4000-8000-000000000001';
const HASH_KEY = Buffer.alloc(32, 7);
const log = { error: jest.fn(), warn: jest.fn(), debug: jest.fn() };

function call(
  interceptor: IdempotencyInterceptor,
  options: {
    key?: string;
    body?: unknown;
    url?: string;
    method?: string;
    principal?: boolean;
    handler: () => Observable<unknown>;
    statusCode?: number;
  },
): { result: Promise<unknown>; reply: FakeReply; handler: jest.Mock } {
  const request = {
    id: `req-${Math.random().toString(36).slice(2)}`,
    method: options.method ?? 'POST',
    url: options.url ?? '/api/v1/associations',
    body: options.body ?? { name: 'Koro' },
    headers: options.key === undefined ? {} : { 'idempotency-key': options.key },
    principal: options.principal === false ? undefined : { userId: USER },
    log,
  };
  const reply = fakeReply(options.statusCode ?? 201);
  const context = {
    getType: () => 'http',
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => reply }),
  } as unknown as ExecutionContext;
  const handler = jest.fn(options.handler);
  const next: CallHandler = { handle: handler };
  const result = interceptor.intercept(context, next).then((o) => lastValueFrom(o));
  return { result, reply, handler };
}

describe('Idempotency-Key', () => {
  it('accepts 1 to 200 visible ASCII characters', () => {
    expect(parseIdempotencyKey(undefined)).toBeUndefined();
    expect(parseIdempotencyKey('a')).toBe('a');
    expect(parseIdempotencyKey('x'.repeat(200))).toBe('x'.repeat(200));
    expect(parseIdempotencyKey('7f0c-4b1e:retry#1!~')).toBe('7f0c-4b1e:retry#1!~');
    for (const bad of ['', 'x'.repeat(201), 'with space', 'tab\tkey', 'clé', ['a', 'b']]) {
      expect(() => parseIdempotencyKey(bad)).toThrow(AppError);
    }
  });

  it('hashes the body whatever the order of its keys, and the route', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}',
    );
    const hash = (url: string, body: unknown, key = HASH_KEY): Buffer =>
      requestHash(key, 'POST', url, body);
    const one = hash('/api/v1/associations', { name: 'A', id: 'x' });
    expect(hash('/api/v1/associations?x=1', { id: 'x', name: 'A' })).toEqual(one);
    expect(hash('/api/v1/authorities', { id: 'x', name: 'A' })).not.toEqual(one);
    expect(hash('/api/v1/associations', { id: 'x', name: 'B' })).not.toEqual(one);
    expect(hash('/api/v1/associations', undefined)).not.toEqual(hash('/api/v1/associations', {}));
    // Keyed: without the secret of the keys folder, a body cannot be guessed from its hash.
    expect(hash('/api/v1/associations', { name: 'A', id: 'x' }, Buffer.alloc(32, 8))).not.toEqual(
      one,
    );
  });
});

describe('IdempotencyInterceptor', () => {
  let records: MemoryRecords;
  let interceptor: IdempotencyInterceptor;

  beforeEach(() => {
    records = new MemoryRecords();
    interceptor = new IdempotencyInterceptor(records as unknown as IdempotencyRepository, HASH_KEY);
  });
  afterEach(() => jest.restoreAllMocks());

  it('does nothing without the header, on other methods, or without a principal', async () => {
    for (const options of [
      {},
      { key: 'k', method: 'PATCH' },
      { key: 'not a valid key', principal: false },
    ]) {
      const { result, handler } = call(interceptor, { ...options, handler: () => of({ ok: 1 }) });
      await expect(result).resolves.toEqual({ ok: 1 });
      expect(handler).toHaveBeenCalledTimes(1);
    }
    expect(records.rows.size).toBe(0);
  });

  it('stores the first success with its ETag and replays it without running anything', async () => {
    const first = call(interceptor, {
      key: 'k1',
      handler: () => of({ id: 'a1', version: 1, createdAt: new Date(0) }),
    });
    first.reply.header('etag', 'W/"1"');
    const body = await first.result;
    const again = call(interceptor, { key: 'k1', statusCode: 200, handler: () => of('never') });
    await expect(again.result).resolves.toEqual(JSON.parse(JSON.stringify(body)));
    expect(again.handler).not.toHaveBeenCalled();
    expect(again.reply.statusCode).toBe(201);
    expect(again.reply.sent).toMatchObject({ etag: 'W/"1"', 'idempotent-replayed': 'true' });
  });

  it('stores a 4xx as the problem document the client got, and replays it', async () => {
    const first = call(interceptor, {
      key: 'k2',
      handler: () => throwError(() => new AppError('duplicate')),
    });
    await expect(first.result).rejects.toBeInstanceOf(AppError);
    const stored = records.rows.get(`${USER}/k2`)!.response!;
    expect(stored.statusCode).toBe(409);
    expect(stored.body).toMatchObject({ code: 'duplicate', status: 409 });
    expect(stored.headers['content-type']).toMatch(/^application\/problem\+json/);

    const again = call(interceptor, { key: 'k2', handler: () => of('never') });
    await expect(again.result).resolves.toEqual(stored.body);
    expect(again.reply.statusCode).toBe(409);
    expect(again.handler).not.toHaveBeenCalled();
  });

  it.each([
    ['a 5xx', new Error('boom')],
    ['a 503', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })],
    ['a 429', new AppError('rate_limited')],
  ])('releases the key after %s so that a retry runs', async (_label, error) => {
    const first = call(interceptor, { key: 'k3', handler: () => throwError(() => error) });
    await expect(first.result).rejects.toBe(error);
    expect(records.rows.size).toBe(0);
    const retry = call(interceptor, { key: 'k3', handler: () => of({ id: 'a3' }) });
    await expect(retry.result).resolves.toEqual({ id: 'a3' });
    expect(retry.handler).toHaveBeenCalledTimes(1);
  });

  it('refuses the same key on another body or route with 422 idempotency_key_reused', async () => {
    await call(interceptor, { key: 'k4', handler: () => of({ id: 'a4' }) }).result;
    for (const options of [{ body: { name: 'Other' } }, { url: '/api/v1/authorities' }]) {
      const other = call(interceptor, { key: 'k4', ...options, handler: () => of('never') });
      await expect(other.result).rejects.toMatchObject({ code: 'idempotency_key_reused' });
      expect(other.handler).not.toHaveBeenCalled();
    }
  });

  it('deletes a batch of expired records on about one new claim in a hundred', async () => {
    jest.spyOn(Math, 'random').mockReturnValue(0.5);
    await call(interceptor, { key: 'k6', handler: () => of({}) }).result;
    expect(records.purged).toBe(0);
    jest.spyOn(Math, 'random').mockReturnValue(0);
    await call(interceptor, { key: 'k7', handler: () => of({}) }).result;
    expect(records.purged).toBe(1);
  });
});
