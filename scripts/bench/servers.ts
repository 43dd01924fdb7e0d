/** Starting and stopping the servers a benchmark run drives (scripts/bench/run.ts). */
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freePort } from '../../src/database/scratch-postgres';
import { BENCH_DIR, BENCH_KEYS_DIR } from './bench-env';

const ROOT = resolve(__dirname, '..', '..');

/** Servers this run started: killed whatever ends the run. */
const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

async function waitForHealth(base: string, child: ChildProcess, name: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`${base}/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${name} did not become healthy within 60 s`);
}

export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    child.kill('SIGTERM');
  });
}

export async function startApi(
  databaseUrl: string,
  options: { cpuProfDir?: string } = {},
): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort();
  const dataDir = join(BENCH_DIR, 'app');
  mkdirSync(dataDir, { recursive: true });
  const profile = options.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`] : [];
  // The heap bound `npm start` and the image run the API with.
  const heap = '--max-old-space-size=192';
  const child = spawn(process.execPath, [heap, ...profile, join(ROOT, 'dist', 'src', 'main.js')], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      TOGUNA_DATA_DIR: dataDir,
      TOGUNA_KEYS_DIR: BENCH_KEYS_DIR,
      TOGUNA_ADMIN_PASSWORD: `Bench-admin-${randomUUID()}`,
      // The default limits, none lifted: every sign-in comes from 127.0.0.1,
      // with no forwarded address, as a room of people behind one address
      // would (successful sign-ins never count). Reminders are not what is
      // measured; audit sealing and the session cache run as in production.
      TOGUNA_SCHEDULER_INTERVAL_SECONDS: '0',
      LOG_LEVEL: 'info',
    },
  });
  children.add(child);
  const base = `http://127.0.0.1:${port}`;
  await waitForHealth(base, child, 'the API');
  return { child, base };
}

export async function startBaseline(
  databaseUrl: string,
): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', join(ROOT, 'scripts', 'bench', 'baseline.ts')],
    {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port) },
    },
  );
  children.add(child);
  const base = `http://127.0.0.1:${port}`;
  await waitForHealth(base, child, 'the baseline');
  return { child, base };
}

export async function signIn(base: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw new Error(`sign-in of ${username}: ${response.status}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

export function rssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return kb / 1024;
  } catch {
    return 0;
  }
}
