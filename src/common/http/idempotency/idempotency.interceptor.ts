import {
  CallHandler,
  ExecutionContext,
  Inject,
  Injectable,
  NestInterceptor,
  OnApplicationShutdown,
  StreamableFile,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { lastValueFrom, Observable, of } from 'rxjs';
import { AppError } from '../app-error';
import { buildProblem } from '../problem';
import { parseIdempotencyKey, REQUEST_HASH_KEY, requestHash } from './idempotency-key';
import { Claim, IdempotencyRepository, StoredResponse } from './idempotency.repository';

/** A key is remembered this long; after that it counts as unused. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;
/** An unfinished claim older than this belongs to a dead process: a retry may take it over. */
const LEASE_SECONDS = 120;
/** How long a repeat waits for the first request to finish before 409 idempotency_in_progress. */
const WAIT_MS = 15_000;
const FIRST_POLL_MS = 20;
const MAX_POLL_MS = 250;
/** One new claim in this many also deletes a batch of expired records (no timers: many instances). */
const PURGE_ONE_IN = 100;
const PURGE_BATCH = 1000;
/** How often claims left unsettled by a database outage are written again. */
const SETTLE_RETRY_MS = 1000;
/** At most this many unsettled claims are remembered; beyond, the lease takes over. */
const MAX_UNSETTLED = 10_000;
/** The response headers replayed with a stored success. */
const REPLAYED_HEADERS = ['etag', 'location'];

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Idempotency-Key on authenticated POSTs (api.md, Conventions): the first
 * response (2xx or 4xx) is stored per user and key with a hash of the
 * request; a repeat of the same request gets it again without running
 * anything, the same key on another request gets 422. Concurrent repeats
 * wait for the first one. A 5xx (or 429) releases the key so that a retry
 * runs. Public routes (sign-in, refresh) ignore the header.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor, OnApplicationShutdown {
  /**
   * Claims of this process whose response could not be stored, or whose
   * release failed (database gone): without this, the key would stay held
   * until the lease runs out and every retry would wait for a dead request.
   * Settled again on the next request with the key, and in the background.
   */
  private readonly unsettled = new Map<string, { claim: Claim; response?: StoredResponse }>();
  private settleTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly records: IdempotencyRepository,
    @Inject(REQUEST_HASH_KEY) private readonly hashKey: Buffer,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    if (request.method !== 'POST' || !request.principal) return next.handle();
    const key = parseIdempotencyKey(request.headers['idempotency-key']);
    if (key === undefined) return next.handle();

    const userId = request.principal.userId;
    // A claim of ours left unsettled: settle it first (throws 503 while the database is down).
    await this.settle(unsettledKey(userId, key));
    const hash = requestHash(this.hashKey, request.method, request.url, request.body);
    const deadline = Date.now() + WAIT_MS;
    let pause = FIRST_POLL_MS;
    for (;;) {
      const claim = await this.records.claim(
        userId,
        key,
        hash,
        IDEMPOTENCY_TTL_SECONDS,
        LEASE_SECONDS,
      );
      if (claim) {
        await this.maybePurge(request);
        return of(await this.runOnce(claim, request, reply, next));
      }
      // Someone holds the key: wait for its response, unless it is another request.
      for (;;) {
        const existing = await this.records.find(userId, key, LEASE_SECONDS);
        if (!existing) break; // released (5xx) or expired meanwhile: claim again
        if (!existing.requestHash.equals(hash)) throw new AppError('idempotency_key_reused');
        if (existing.response) return of(replay(reply, existing.response));
        if (existing.abandoned) break;
        if (Date.now() >= deadline) {
          throw new AppError('idempotency_in_progress', { headers: { 'retry-after': '1' } });
        }
        await sleep(pause);
        pause = Math.min(pause * 2, MAX_POLL_MS);
      }
      if (Date.now() >= deadline) {
        throw new AppError('idempotency_in_progress', { headers: { 'retry-after': '1' } });
      }
    }
  }

  /** Runs the handler and stores what the client gets: its body, or the problem document. */
  private async runOnce(
    claim: Claim,
    request: FastifyRequest,
    reply: FastifyReply,
    next: CallHandler,
  ): Promise<unknown> {
    let body: unknown;
    try {
      body = await lastValueFrom(next.handle(), { defaultValue: undefined });
    } catch (error) {
      const problem = buildProblem(request, error);
      if (problem.status >= 500 || problem.status === 429) {
        await this.release(request, claim);
      } else {
        await this.store(request, claim, {
          statusCode: problem.status,
          body: problem.body,
          headers: problem.headers,
        });
      }
      throw error;
    }
    if (reply.statusCode >= 500 || !isJsonBody(body)) {
      await this.release(request, claim);
      return body;
    }
    const headers: Record<string, string> = {};
    for (const name of REPLAYED_HEADERS) {
      const value = reply.getHeader(name);
      if (typeof value === 'string' || typeof value === 'number') headers[name] = String(value);
    }
    await this.store(request, claim, { statusCode: reply.statusCode, body, headers });
    return body;
  }

  /**
   * The handler has already run: if the response cannot be stored (database
   * gone), the client still gets it; a retry then waits for the claim's lease.
   */
  private async store(request: FastifyRequest, claim: Claim, response: StoredResponse) {
    try {
      await this.records.complete(claim, response);
    } catch (err) {
      request.log.error({ err }, 'idempotency: could not store the response (retried later)');
      this.remember(claim, response);
    }
  }

  private async release(request: FastifyRequest, claim: Claim): Promise<void> {
    try {
      await this.records.release(claim);
    } catch (err) {
      request.log.error({ err }, 'idempotency: could not release the key (retried later)');
      this.remember(claim);
    }
  }

  private remember(claim: Claim, response?: StoredResponse): void {
    const id = unsettledKey(claim.userId, claim.key);
    if (!this.unsettled.has(id) && this.unsettled.size >= MAX_UNSETTLED) return;
    this.unsettled.set(id, { claim, response });
    this.settleTimer ??= setInterval(() => void this.settleAll(), SETTLE_RETRY_MS).unref();
  }

  /** Stores the response of (or releases) an unsettled claim; throws when the database refuses. */
  private async settle(id: string): Promise<void> {
    const entry = this.unsettled.get(id);
    if (!entry) return;
    if (entry.response) await this.records.complete(entry.claim, entry.response);
    else await this.records.release(entry.claim);
    if (this.unsettled.get(id) === entry) this.unsettled.delete(id);
  }

  private async settleAll(): Promise<void> {
    for (const id of [...this.unsettled.keys()]) {
      try {
        await this.settle(id);
      } catch {
        return; // still down: next round
      }
    }
    if (this.unsettled.size === 0 && this.settleTimer) {
      clearInterval(this.settleTimer);
      this.settleTimer = undefined;
    }
  }

  /** One last attempt before the process goes (the pool is still open here). */
  async onApplicationShutdown(): Promise<void> {
    if (this.settleTimer) clearInterval(this.settleTimer);
    this.settleTimer = undefined;
    await this.settleAll();
    if (this.settleTimer) clearInterval(this.settleTimer);
    this.settleTimer = undefined;
  }

  private async maybePurge(request: FastifyRequest): Promise<void> {
    if (Math.floor(Math.random() * PURGE_ONE_IN) !== 0) return;
    try {
      const deleted = await this.records.purgeExpired(PURGE_BATCH);
      if (deleted > 0) request.log.debug({ deleted }, 'idempotency: expired records deleted');
    } catch (err) {
      request.log.warn({ err }, 'idempotency: could not delete expired records');
    }
  }
}

function unsettledKey(userId: string, key: string): string {
  return `${userId}\u0000${key}`;
}

/** A value stored as JSON and sent back the same (not a stream, buffer or file). */
function isJsonBody(body: unknown): boolean {
  if (typeof body === 'function' || typeof body === 'bigint' || typeof body === 'symbol') {
    return false;
  }
  if (typeof body !== 'object' || body === null) return true;
  return !(
    Buffer.isBuffer(body) ||
    body instanceof StreamableFile ||
    typeof (body as { pipe?: unknown }).pipe === 'function'
  );
}

/** The stored response as it was first sent: same status, same body, same headers. */
function replay(reply: FastifyReply, response: StoredResponse): unknown {
  void reply.status(response.statusCode);
  void reply.headers(response.headers);
  void reply.header('idempotent-replayed', 'true');
  return response.body;
}
