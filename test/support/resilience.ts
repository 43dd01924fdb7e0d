/**
 * Helpers of the resilience tests: the API and an embedded PostgreSQL as
 * real child processes, HTTP calls with a deadline, the arrangement of an
 * association through the API, and an offline check of the audit chain.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { auditHash } from '../../src/common/audit/audit-hash';
import { freePort } from '../../src/database/scratch-postgres';
import { databaseUrlFor, onServer } from './database-url';

const ROOT = join(__dirname, '..', '..');
export const RESILIENCE_ADMIN_PASSWORD = 'Initial-admin-Password-42';
export const RESILIENCE_PASSWORD = 'Resilient-horse-battery-9';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function tsNode(script: string, env: NodeJS.ProcessEnv, stdin: 'pipe' | 'ignore'): ChildProcess {
  return spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', script], {
    cwd: ROOT,
    stdio: [stdin, 'pipe', 'pipe'],
    env: { ...env, TS_NODE_TRANSPILE_ONLY: 'true' },
  });
}

function logFile(name: string): string {
  const dir = join(ROOT, 'test-output', 'logs');
  mkdirSync(dir, { recursive: true });
  return join(dir, `${name}-${process.pid}-${Date.now()}.log`);
}

/** test/support/restartable-postgres.ts, driven from the test. */
export class RestartablePostgres {
  private waiters: { event: string; resolve: () => void; reject: (e: Error) => void }[] = [];
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {}

  static async start(): Promise<RestartablePostgres> {
    const child = tsNode('test/support/restartable-postgres.ts', process.env, 'pipe');
    let stderr = '';
    child.stderr?.on(
      'data',
      (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)),
    );
    const lines: ((message: { event: string; url?: string; message?: string }) => void)[] = [];
    let buffer = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        const message = JSON.parse(line) as { event: string; url?: string; message?: string };
        for (const listener of lines) listener(message);
      }
    });
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('PostgreSQL did not start in 60 s')), 60000);
      child.once('exit', (code) =>
        reject(new Error(`restartable PostgreSQL exited (${code}): ${stderr}`)),
      );
      lines.push((message) => {
        if (message.event === 'ready' && message.url) {
          clearTimeout(timer);
          resolve(message.url);
        }
      });
    });
    const server = new RestartablePostgres(child, url);
    lines.push((message) => {
      const waiter = server.waiters.shift();
      if (!waiter) return;
      if (message.event === waiter.event) waiter.resolve();
      else waiter.reject(new Error(`PostgreSQL controller: ${message.message ?? message.event}`));
    });
    return server;
  }

  private command(command: 'stop' | 'start', event: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiters.push({ event, resolve, reject });
      this.child.stdin?.write(`${command}\n`);
    });
  }

  /** Fast shutdown; resolves once the server has exited. */
  stop(): Promise<void> {
    return this.command('stop', 'stopped');
  }

  /** Resolves once the server accepts connections again. */
  start(): Promise<void> {
    return this.command('start', 'ready');
  }

  close(): Promise<void> {
    if (this.child.exitCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 20000);
      this.child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      this.child.stdin?.end();
    });
  }
}

/** `src/main.ts` as a real process, on the given database. */
export class ApiProcess {
  exit: { code: number | null; signal: NodeJS.Signals | null; at: number } | null = null;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  private output = '';

  private constructor(
    private readonly child: ChildProcess,
    readonly base: string,
    readonly logPath: string,
    private readonly dataDir: string,
  ) {
    const log = createWriteStream(logPath);
    const keep = (chunk: Buffer): void => {
      log.write(chunk);
      this.output = (this.output + chunk.toString()).slice(-20000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exit = { code, signal, at: Date.now() };
        log.end();
        resolve(this.exit);
      });
    });
  }

  static async start(
    name: string,
    databaseUrl: string,
    env: Record<string, string> = {},
  ): Promise<ApiProcess> {
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'toguna-api-'));
    const child = tsNode(
      'src/main.ts',
      {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: 'test',
        DATABASE_URL: databaseUrl,
        PORT: String(port),
        HOST: '127.0.0.1',
        TOGUNA_DATA_DIR: dataDir,
        TOGUNA_ADMIN_PASSWORD: RESILIENCE_ADMIN_PASSWORD,
        TOGUNA_RATE_LIMITS: 'login=100000,refresh=100000,totp=100000,verify=100000',
        TOGUNA_SCHEDULER_INTERVAL_SECONDS: '0',
        TOGUNA_DOCS: 'false',
        LOG_LEVEL: 'info',
        ...env,
      },
      'ignore',
    );
    const api = new ApiProcess(child, `http://127.0.0.1:${port}`, logFile(name), dataDir);
    const deadline = Date.now() + 50000;
    for (;;) {
      if (api.exit) throw new Error(`the API exited during start:\n${api.tail()}`);
      const res = await call(api.base, 'GET', '/health', { timeoutMs: 1000 });
      if (res.status === 200) return api;
      if (Date.now() > deadline) throw new Error(`the API did not become healthy:\n${api.tail()}`);
      await sleep(200);
    }
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  signal(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  tail(): string {
    return this.output.slice(-6000);
  }

  /** Stops the process (SIGTERM, then SIGKILL) and removes its folder. */
  async close(): Promise<void> {
    if (!this.exit) {
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 15000);
      await this.exited;
      clearTimeout(timer);
    }
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

export interface CallResult {
  /** 0: no HTTP response (timeout, reset, refused). */
  status: number;
  body: Record<string, unknown> | null;
  contentType: string;
  /** Why there was no response. */
  error?: string;
  ms: number;
}

/** One HTTP call with a deadline; never throws. */
export async function call(
  base: string,
  method: 'GET' | 'POST' | 'PATCH',
  path: string,
  options: {
    token?: string;
    body?: unknown;
    headers?: Record<string, string>;
    timeoutMs?: number;
  } = {},
): Promise<CallResult> {
  const started = Date.now();
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  try {
    const res = await fetch(`${base}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(options.timeoutMs ?? 10000),
    });
    const text = await res.text();
    let body: Record<string, unknown> | null = null;
    try {
      body = text ? (JSON.parse(text) as Record<string, unknown>) : null;
    } catch {
      body = { raw: text.slice(0, 200) };
    }
    return {
      status: res.status,
      body,
      contentType: res.headers.get('content-type') ?? '',
      ms: Date.now() - started,
    };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const name = (error as Error).name;
    return {
      status: 0,
      body: null,
      contentType: '',
      error: name === 'TimeoutError' ? 'timeout' : (cause?.code ?? cause?.message ?? String(error)),
      ms: Date.now() - started,
    };
  }
}

async function ok(
  base: string,
  method: 'GET' | 'POST',
  path: string,
  options: Parameters<typeof call>[3],
  expected: number,
): Promise<Record<string, unknown>> {
  const res = await call(base, method, path, options);
  if (res.status !== expected)
    throw new Error(
      `${method} ${path} → ${res.status} ${JSON.stringify(res.body)} ${res.error ?? ''}`,
    );
  return res.body ?? {};
}

async function signIn(base: string, username: string, password: string): Promise<string> {
  const body = await ok(base, 'POST', '/api/v1/auth/login', { body: { username, password } }, 200);
  return body.accessToken as string;
}

export interface Tenant {
  adminToken: string;
  associationId: string;
  coordinatorToken: string;
  mediators: { id: string; token: string }[];
  communeIds: string[];
}

/** The first sign-in with a password someone else set: change it, sign in again. */
async function firstSignIn(base: string, username: string, initial: string): Promise<string> {
  const chosen = `${initial}-own-choice`;
  const token = await signIn(base, username, initial);
  await ok(
    base,
    'POST',
    '/api/v1/auth/password',
    { token, body: { currentPassword: initial, newPassword: chosen } },
    204,
  );
  return signIn(base, username, chosen);
}

/**
 * Through the API, as a real deployment would: the first admin changes its
 * password, creates an association, its coordinator and mediators; everyone
 * signs in and chooses a password; the coordinator confirms the mediators.
 */
export async function arrangeTenant(base: string, mediatorCount: number): Promise<Tenant> {
  const adminToken = await firstSignIn(base, 'admin', RESILIENCE_ADMIN_PASSWORD);
  const association = await ok(
    base,
    'POST',
    '/api/v1/associations',
    { token: adminToken, body: { name: `Association résilience ${Date.now()}` } },
    201,
  );
  const associationId = association.id as string;
  const user = async (
    role: 'coordinator' | 'mediator',
    n: number,
  ): Promise<{ id: string; token: string }> => {
    const username = `${role}.${n}.${Date.now().toString(36)}`;
    const created = await ok(
      base,
      'POST',
      '/api/v1/users',
      {
        token: adminToken,
        body: {
          username,
          displayName: `${role} ${n}`,
          role,
          associationId,
          password: RESILIENCE_PASSWORD,
        },
      },
      201,
    );
    return {
      id: created.id as string,
      token: await firstSignIn(base, username, RESILIENCE_PASSWORD),
    };
  };
  // The association's first coordinator is active at once; it confirms each mediator.
  const coordinator = await user('coordinator', 0);
  const mediators: { id: string; token: string }[] = [];
  for (let i = 1; i <= mediatorCount; i++) {
    const mediator = await user('mediator', i);
    await ok(
      base,
      'POST',
      `/api/v1/users/${mediator.id}/confirm`,
      { token: coordinator.token },
      200,
    );
    mediators.push(mediator);
  }
  const areas = await ok(
    base,
    'GET',
    '/api/v1/areas?level=commune&limit=20',
    { token: adminToken },
    200,
  );
  const communeIds = (areas.items as { id: string }[]).map((a) => a.id);
  if (communeIds.length === 0) throw new Error('no commune in the seed data');
  return { adminToken, associationId, coordinatorToken: coordinator.token, mediators, communeIds };
}

/**
 * The sealed audit chain checked from the rows, as AuditService.verify does
 * (seq gapless, links, hashes), and the events not sealed yet.
 */
export async function verifyAuditChain(
  db: Pool,
): Promise<{ ok: boolean; checked: number; firstBrokenSeq: number | null; unsealed: number }> {
  const unsealed = (
    await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_event WHERE seq IS NULL')
  ).rows[0].n;
  const { rows } = await db.query<{
    seq: string;
    occurred_at: Date;
    actor_user_id: string | null;
    actor_role: string | null;
    action: string;
    entity_type: string | null;
    entity_id: string | null;
    association_id: string | null;
    request_id: string | null;
    details: Record<string, unknown>;
    prev_hash: Buffer | null;
    hash: Buffer;
  }>('SELECT * FROM audit_event WHERE seq IS NOT NULL ORDER BY seq');
  let prev: Buffer | null = null;
  let checked = 0;
  for (const row of rows) {
    const seq = Number(row.seq);
    const hash = auditHash({
      seq,
      occurredAt: row.occurred_at,
      actorUserId: row.actor_user_id,
      actorRole: row.actor_role,
      action: row.action,
      entityType: row.entity_type,
      entityId: row.entity_id,
      associationId: row.association_id,
      requestId: row.request_id,
      details: row.details,
      prevHash: row.prev_hash,
    });
    const linked = prev === null ? row.prev_hash === null : row.prev_hash?.equals(prev) === true;
    if (seq !== checked + 1 || !linked || !hash.equals(row.hash)) {
      return { ok: false, checked, firstBrokenSeq: checked + 1, unsealed };
    }
    checked++;
    prev = row.hash;
  }
  return { ok: true, checked, firstBrokenSeq: null, unsealed };
}

/** A fresh database cloned from the migrated template on the shared test server; its URL. */
export async function cloneTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const template = process.env.TOGUNA_TEST_TEMPLATE;
  const serverUrl = process.env.TOGUNA_TEST_SERVER_URL;
  if (!template || !serverUrl) throw new Error('The Jest global setup did not run');
  const name = `toguna_resilience_${process.pid}_${Date.now().toString(36)}`;
  await onServer(async (client) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
        return;
      } catch (error) {
        // Another file cloning the template at the same instant: try again.
        if (attempt >= 20 || !/being accessed by other users/.test(String(error))) throw error;
        await sleep(100 + Math.random() * 200);
      }
    }
  });
  return {
    url: databaseUrlFor(serverUrl, name),
    drop: () =>
      onServer(async (client) => {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      }),
  };
}
