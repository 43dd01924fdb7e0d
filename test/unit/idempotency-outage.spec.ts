import { CallHandler, ExecutionContext } from '@nestjs/common';
import { lastValueFrom, Observable, of, throwError } from 'rxjs';
import { IdempotencyInterceptor } from '../../src/common/http/idempotency/idempotency.interceptor';
import {
  Claim,
  ExistingRecord,
  IdempotencyRepository,
  StoredResponse,
} from '../../src/common/http/idempotency/idempotency.repository';

const DOWN = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
  code: 'ECONNREFUSED',
});

/** idempotency_record in memory, with a database that can go away. */
class FlakyRecords {
  rows = new Map<string, { hash: Buffer; response: StoredResponse | null; token: string }>();
  down = false;
  private seq = 0;

  private check(): Promise<void> {
    return this.down ? Promise.reject(DOWN) : Promise.resolve();
  }

  async claim(userId: string, key: string, hash: Buffer): Promise<Claim | null> {
    await this.check();
    const id = `${userId}/${key}`;
    if (this.rows.has(id)) return null;
    const token = String(++this.seq);
    this.rows.set(id, { hash, response: null, token });
    return { userId, key, token };
  }

  async find(userId: string, key: string): Promise<ExistingRecord | null> {
    await this.check();
    const row = this.rows.get(`${userId}/${key}`);
    if (!row) return null;
    return { requestHash: row.hash, response: row.response, abandoned: false };
  }

  async complete(claim: Claim, response: StoredResponse): Promise<void> {
    await this.check();
    const row = this.rows.get(`${claim.userId}/${claim.key}`);
    if (row?.token === claim.token) row.response = response;
  }

  async release(claim: Claim): Promise<void> {
    await this.check();
    const id = `${claim.userId}/${claim.key}`;
    if (this.rows.get(id)?.token === claim.token) this.rows.delete(id);
  }

  purgeExpired(): Promise<number> {
    return Promise.resolve(0);
  }
}

const USER = '5d7c2a10-0000-4000-8000-000000000001';
const log = { error: jest.fn(), warn: jest.fn(), debug: jest.fn() };

function post(
  interceptor: IdempotencyInterceptor,
  key: string,
  handler: () => Observable<unknown>,
): { result: Promise<unknown>; handler: jest.Mock; reply: { statusCode: number } } {
  const request = {
    id: 'req-1',
    method: 'POST',
    url: '/api/v1/cases',
    body: { codeName: 'Baobab' },
    headers: { 'idempotency-key': key },
    principal: { userId: USER },
    log,
  };
  const sent: Record<string, string> = {};
  const reply = {
    statusCode: 201,
    status(code: number) {
      reply.statusCode = code;
      return reply;
    },
    header(name: string, value: string) {
      sent[name] = value;
      return reply;
    },
    headers(values: Record<string, string>) {
      Object.assign(sent, values);
      return reply;
    },
    getHeader: (name: string) => sent[name],
  };
  const context = {
    getType: () => 'http',
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => reply }),
  } as unknown as ExecutionContext;
  const mock = jest.fn(handler);
  const next: CallHandler = { handle: mock };
  return {
    result: interceptor.intercept(context, next).then((o) => lastValueFrom(o)),
    handler: mock,
    reply,
  };
}

/** A database outage must not leave a key held by a request that has ended (S14). */
describe('IdempotencyInterceptor during a database outage', () => {
  let records: FlakyRecords;
  let interceptor: IdempotencyInterceptor;

  beforeEach(() => {
    records = new FlakyRecords();
    interceptor = new IdempotencyInterceptor(
      records as unknown as IdempotencyRepository,
      Buffer.alloc(32, 7),
    );
  });
  afterEach(async () => {
    records.down = false;
    await interceptor.onApplicationShutdown();
  });

  it('keeps a response it could not store, stores it once the database is back, replays it', async () => {
    const first = post(interceptor, 'k1', () => {
      records.down = true; // the handler committed; the database goes before the response is stored
      return of({ id: 'case-1' });
    });
    await expect(first.result).resolves.toEqual({ id: 'case-1' });
    expect(records.rows.get(`${USER}/k1`)?.response).toBeNull();

    const whileDown = post(interceptor, 'k1', () => of('never'));
    await expect(whileDown.result).rejects.toBe(DOWN);
    expect(whileDown.handler).not.toHaveBeenCalled();

    records.down = false;
    const retry = post(interceptor, 'k1', () => of('never'));
    await expect(retry.result).resolves.toEqual({ id: 'case-1' });
    expect(retry.handler).not.toHaveBeenCalled();
    expect(retry.reply.statusCode).toBe(201);
  });

  it('gives the key up once the database is back when releasing it failed', async () => {
    const first = post(interceptor, 'k2', () => {
      records.down = true;
      return throwError(() => DOWN);
    });
    await expect(first.result).rejects.toBe(DOWN);
    expect(records.rows.has(`${USER}/k2`)).toBe(true);

    records.down = false;
    const retry = post(interceptor, 'k2', () => of({ id: 'case-2' }));
    await expect(retry.result).resolves.toEqual({ id: 'case-2' });
    expect(retry.handler).toHaveBeenCalledTimes(1);
  });

  it('settles in the background, without waiting for a retry', async () => {
    const first = post(interceptor, 'k3', () => {
      records.down = true;
      return of({ id: 'case-3' });
    });
    await first.result;
    records.down = false;
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(records.rows.get(`${USER}/k3`)?.response).toMatchObject({ body: { id: 'case-3' } });
  });
});
