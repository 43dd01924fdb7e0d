/**
 * `npm run bench:web [-- --runs=3 --no-build]`
 *
 * The web app on a 2G phone, in Chromium (playwright-core, Debian's
 * chromium or CHROMIUM_PATH) at 360×740 with its network emulation at
 * 250 kbit/s down, 50 kbit/s up and 300 ms round trip:
 *
 * 1. first visit, fresh profile: first contentful paint of the sign-in page,
 *    then every byte the page and the service worker download until the
 *    worker has installed (its precache included);
 * 2. signing in there as a mediator: time from the tap on "Se connecter" to
 *    the case list on screen;
 * 3. a signed-in mediator opening the app with nothing cached and no service
 *    worker (the worst case): time from navigation to the case list;
 * 4. the same with the service worker's copy (a returning visit).
 *
 * It builds the web app (unless --no-build), serves it with the API (the
 * same factory as `npm start`) on a throwaway database with the demo data —
 * DATABASE_URL's server or an embedded one in a temporary folder — and
 * writes the figures, medians of the runs, to bench/web-results.md.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { DataSource } from 'typeorm';
import { createApp } from '../../../src/app.factory';
import { seedDemo } from '../../../src/cli/seed-demo';
import { createLogger } from '../../../src/common/logging/logger';
import { loadConfig } from '../../../src/config/app-config';
import { dataSourceOptions } from '../../../src/database/data-source';
import { runMigrations } from '../../../src/database/migrate';
import { startScratchPostgres } from '../../../src/database/scratch-postgres';
import { CHROMIUM, launchBrowser, PHONE } from '../../../test/web/support/browser';
import { argValue } from '../bench-env';

const ROOT = resolve(__dirname, '..', '..', '..');
const RESULTS = join(ROOT, 'bench', 'web-results.md');
const RUNS = Number(argValue('runs') ?? 3);

/** Chromium DevTools' "2G": 250 kbit/s down, 50 kbit/s up, 300 ms round trip. */
const TWO_G = {
  offline: false,
  latency: 300,
  downloadThroughput: 250_000 / 8,
  uploadThroughput: 50_000 / 8,
};

const TARGETS = {
  firstVisitKB: 150,
  signInPaintS: 4,
  caseListS: 6,
};

/** A demo mediator (src/cli/seed-demo.ts) and a case of theirs. */
const MEDIATOR = { username: 'demo.med.a1', password: 'Demo-mediation-A1-2026' };

interface Transfer {
  url: string;
  bytes: number;
  fromWorker: boolean;
  type: string;
}

interface Run {
  signInPaintMs: number;
  transfers: Transfer[];
  signInToCasesMs: number;
  coldCasesMs: number;
  coldPaintMs: number;
  warmCasesMs: number;
}

const log = (line: string): void => console.log(`bench:web: ${line}`);

async function startStack(): Promise<{ baseURL: string; stop: () => Promise<void> }> {
  const database = `toguna_webbench_${randomBytes(4).toString('hex')}`;
  let serverUrl: string;
  let stopServer: () => Promise<void> = () => Promise.resolve();
  if (process.env.DATABASE_URL) {
    serverUrl = process.env.DATABASE_URL;
  } else {
    log('starting an embedded PostgreSQL in a temporary folder');
    const server = await startScratchPostgres('postgres');
    serverUrl = server.url;
    stopServer = () => server.stop();
  }
  const urlOf = (name: string): string => {
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return url.toString();
  };
  const admin = new Client({ connectionString: urlOf('postgres') });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  const databaseUrl = urlOf(database);
  await runMigrations(databaseUrl);
  const dataSource = new DataSource(dataSourceOptions(databaseUrl));
  await dataSource.initialize();
  await seedDemo(dataSource);
  await dataSource.destroy();

  const dataDir = mkdtempSync(join(tmpdir(), 'toguna-webbench-'));
  const config = loadConfig({
    NODE_ENV: 'production',
    TOGUNA_DATA_DIR: dataDir,
    TOGUNA_WEB_DIR: join(ROOT, 'web', 'dist'),
    TOGUNA_RATE_LIMITS: 'login=100000,refresh=100000,totp=100000,verify=100000',
    TOGUNA_SCHEDULER_INTERVAL_SECONDS: '0',
    TOGUNA_ADMIN_PASSWORD: `Bench-admin-${randomBytes(6).toString('hex')}`,
    LOG_LEVEL: 'warn',
  });
  const app: NestFastifyApplication = await createApp(config, databaseUrl, createLogger('warn'));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  if (!address || typeof address === 'string') throw new Error('no TCP address');
  return {
    baseURL: `http://127.0.0.1:${address.port}`,
    stop: async () => {
      await app.close();
      const drop = new Client({ connectionString: urlOf('postgres') });
      await drop.connect();
      await drop.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await drop.end();
      await stopServer();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function throttle(context: BrowserContext, page: Page): Promise<void> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', TWO_G);
}

/** Records `window.__casesAt` (ms since navigation) when the first case card is on screen. */
async function watchCaseList(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __casesAt?: number };
    const check = (): void => {
      if (w.__casesAt === undefined && document.querySelector('.cards a[href^="#/cases/"]'))
        requestAnimationFrame(() => (w.__casesAt ??= performance.now()));
    };
    new MutationObserver(check).observe(document, { subtree: true, childList: true });
  });
}

async function caseListAt(page: Page): Promise<number> {
  const handle = await page.waitForFunction(
    () => (window as unknown as { __casesAt?: number }).__casesAt,
    undefined,
    { timeout: 120_000, polling: 50 },
  );
  return (await handle.jsonValue()) as number;
}

async function firstContentfulPaint(page: Page): Promise<number> {
  const handle = await page.waitForFunction(
    () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
    undefined,
    { timeout: 120_000, polling: 50 },
  );
  return handle.jsonValue();
}

/** Waits until no request has been in flight for `quietMs`. */
async function networkIdle(inFlight: () => number, quietMs = 1500): Promise<void> {
  let quietSince = Date.now();
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (inFlight() > 0) quietSince = Date.now();
    else if (Date.now() - quietSince >= quietMs) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the network never went quiet');
}

async function signInForm(page: Page): Promise<void> {
  await page.getByLabel("Nom d'utilisateur").fill(MEDIATOR.username);
  await page.getByLabel('Mot de passe', { exact: true }).fill(MEDIATOR.password);
}

/** Time from the tap on "Se connecter" to the case list, measured in the page. */
async function tapSignIn(page: Page): Promise<number> {
  await page.evaluate(() => {
    const w = window as unknown as { __tappedAt?: number };
    w.__tappedAt = performance.now();
    document.querySelector<HTMLButtonElement>('form button[type="submit"]')!.click();
  });
  const at = await caseListAt(page);
  const tapped = await page.evaluate(
    () => (window as unknown as { __tappedAt: number }).__tappedAt,
  );
  return at - tapped;
}

async function oneRun(browser: Browser, baseURL: string): Promise<Run> {
  // 1 and 2: first visit, then sign in on the same page.
  const first = await browser.newContext({ baseURL, viewport: PHONE, locale: 'fr-FR' });
  const transfers: Transfer[] = [];
  let inFlight = 0;
  first.on('request', () => (inFlight += 1));
  first.on('requestfailed', () => (inFlight -= 1));
  first.on('requestfinished', (request: Request) => {
    void request.sizes().then(
      (sizes) => {
        transfers.push({
          url: new URL(request.url()).pathname,
          bytes: sizes.responseHeadersSize + sizes.responseBodySize,
          fromWorker: request.serviceWorker() !== null,
          type: request.resourceType(),
        });
        inFlight -= 1;
      },
      () => (inFlight -= 1),
    );
  });
  const page = await first.newPage();
  await throttle(first, page);
  await watchCaseList(page);
  await page.goto('/');
  const signInPaintMs = await firstContentfulPaint(page);
  await page.getByRole('heading', { name: 'Connexion' }).waitFor();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
    timeout: 120_000,
  });
  await networkIdle(() => inFlight);
  const firstVisit = [...transfers];

  await signInForm(page);
  const signInToCasesMs = await tapSignIn(page);

  // 4: a returning visit, signed in, with the worker's copy of the app.
  await page.reload();
  const warmCasesMs = await caseListAt(page);
  await first.close();

  // 3: signed in, nothing cached and no worker: everything over 2G.
  const cold = await browser.newContext({
    baseURL,
    viewport: PHONE,
    locale: 'fr-FR',
    serviceWorkers: 'block',
  });
  const coldPage = await cold.newPage();
  await watchCaseList(coldPage);
  await coldPage.goto('/');
  await signInForm(coldPage);
  await tapSignIn(coldPage);
  const cdp = await cold.newCDPSession(coldPage);
  await cdp.send('Network.enable');
  await cdp.send('Network.clearBrowserCache');
  await cdp.send('Network.emulateNetworkConditions', TWO_G);
  await coldPage.reload();
  const coldCasesMs = await caseListAt(coldPage);
  const coldPaintMs = await firstContentfulPaint(coldPage);
  await cold.close();

  return {
    signInPaintMs,
    transfers: firstVisit,
    signInToCasesMs,
    coldCasesMs,
    coldPaintMs,
    warmCasesMs,
  };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
const sum = (transfers: Transfer[]): number => transfers.reduce((n, t) => n + t.bytes, 0);

function report(runs: Run[], chromiumVersion: string): string {
  const bytes = runs.map((r) => sum(r.transfers));
  const figure = (name: string, values: number[], format: (n: number) => string) =>
    `| ${name} | **${format(median(values))}** | ${values.map(format).join(', ')} |`;
  const times: [string, (r: Run) => number][] = [
    ['first contentful paint of the sign-in page (first visit)', (r) => r.signInPaintMs],
    ['tap on "Se connecter" → case list on screen (worker installed)', (r) => r.signInToCasesMs],
    ['signed in, nothing cached, no service worker: navigation → case list', (r) => r.coldCasesMs],
    ['  the same: first contentful paint', (r) => r.coldPaintMs],
    ['signed in, returning (service worker copy): navigation → case list', (r) => r.warmCasesMs],
  ];
  const rows = [
    figure(
      'first visit to the sign-in page: bytes transferred, service worker included',
      bytes,
      kb,
    ),
    ...times.map(([name, of]) => figure(name, runs.map(of), seconds)),
  ].join('\n');
  const met = (ok: boolean): string => (ok ? 'met' : '**missed**');
  const paint = median(runs.map((r) => r.signInPaintMs));
  const signedIn = median(runs.map((r) => r.signInToCasesMs));
  const cold = median(runs.map((r) => r.coldCasesMs));
  const firstKB = median(bytes) / 1024;

  const last = runs[runs.length - 1].transfers;
  const byPath = [...last].sort((a, b) => b.bytes - a.bytes);
  const pageBytes = sum(last.filter((t) => !t.fromWorker));
  const workerBytes = sum(last.filter((t) => t.fromWorker));

  return `# Web app on 2G: first visit and first screens

Written by \`npm run bench:web\` (scripts/bench/web/run.ts) on ${new Date().toISOString().slice(0, 10)}.
Chromium ${chromiumVersion} (playwright-core), headless, 360×740, French; network emulation
of DevTools' "2G": 250 kbit/s down, 50 kbit/s up, 300 ms round trip, applied to the page (the
service worker's own downloads are counted, not throttled). CPU not throttled. API and web app
served by the same process as \`npm start\` (production build of the web app, demo data), on
loopback. Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GB.
Median of ${runs.length} runs (each run with a fresh browser profile); all runs listed.

| figure | median | runs |
|---|---|---|
${rows}

## Targets (issue #16)

| target | figure | |
|---|---|---|
| first visit ≤ ${TARGETS.firstVisitKB} KB in all | ${firstKB.toFixed(1)} KB | ${met(firstKB <= TARGETS.firstVisitKB)} |
| sign-in page painted ≤ ${TARGETS.signInPaintS} s | ${seconds(paint)} | ${met(paint <= TARGETS.signInPaintS * 1000)} |
| case list readable once signed in ≤ ${TARGETS.caseListS} s | ${seconds(signedIn)} after the tap; ${seconds(cold)} cold from navigation | ${met(Math.max(signedIn, cold) <= TARGETS.caseListS * 1000)} |

## What the first visit downloads (last run)

${last.length} responses: ${kb(pageBytes)} by the page, ${kb(workerBytes)} by the service worker
(response headers and bodies as transferred; files the worker finds in the browser's HTTP cache,
or revalidates with a 304, cost little or nothing).

| bytes | by | path |
|---|---|---|
${byPath.map((t) => `| ${t.bytes} | ${t.fromWorker ? 'worker' : 'page'} | \`${t.url}\` |`).join('\n')}
`;
}

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    console.error(
      `bench:web needs Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH).`,
    );
    process.exit(2);
  }
  if (!process.argv.includes('--no-build')) {
    log('building the web app');
    execFileSync('npm', ['run', 'build', '-w', 'web'], { cwd: ROOT, stdio: 'inherit' });
  }
  const stack = await startStack();
  const browser = await launchBrowser();
  const version = browser.version();
  const runs: Run[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      log(`run ${i + 1} of ${RUNS}`);
      runs.push(await oneRun(browser, stack.baseURL));
    }
  } finally {
    await browser.close();
    await stack.stop();
  }
  const text = report(runs, version);
  writeFileSync(RESULTS, text);
  console.log(text);
  log(`written to ${RESULTS}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
