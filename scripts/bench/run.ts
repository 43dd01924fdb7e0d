/**
 * `npm run bench [-- --scales=0.1,1 --scale=5 --duration=10 --rounds=2 --warmup=3 --connections=16
 *   --short --only=case --cpu-prof --no-build]`
 *
 * For each scale: seeds its database when it has no manifest yet
 * (scripts/bench/seed.ts), starts the API from the production build and the
 * bare Fastify + pg baseline (scripts/bench/baseline.ts) on the same
 * database, drives both with autocannon on loopback, interleaved (API,
 * baseline, baseline, API… so drift hits both), samples the API's RSS, and
 * prints requests/s, p50 and p99 per endpoint with the ratio API / baseline.
 * Then pgbench running the follow-up's write transaction alone
 * (scripts/bench/pgbench.ts), EXPLAIN plans of the hot queries, the targets
 * of issue #20 checked (scripts/bench/targets.ts), and everything written to
 * bench/results.md with the machine's description.
 *
 * `--scale=5` adds that scale to the others (a national deployment's size;
 * long: not for CI). `--short`: one round of 3 s after a 1 s warm-up, to see
 * that the script works, not to measure. `--only=<prefix,…>`: only the
 * endpoints whose name starts so. `--cpu-prof`: the API writes a V8 CPU
 * profile per scale into .toguna-bench/profiles (open it in Chrome DevTools).
 * A run with --short, --only or --cpu-prof does not overwrite bench/results.md.
 */
import autocannon from 'autocannon';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import {
  argValue,
  BENCH_DIR,
  BenchServer,
  databaseNameFor,
  parseScale,
  SeedManifest,
  startBenchServer,
} from './bench-env';
import { PgbenchResult, runPgbench } from './pgbench';
import { analysis, explainPlans, fmt, machine, pgbenchLine, table } from './report';
import { ensureSeeded } from './seed';
import { rssMb, signIn, startApi, startBaseline, stopChild } from './servers';
import { checkTargets, combine, EndpointResult, Figures, ScaleFigures } from './targets';

const ROOT = resolve(__dirname, '..', '..');
const argv = process.argv.slice(2);
const SHORT = argv.includes('--short');
const EXTRA_SCALE = argValue('scale');
const SCALES = [
  ...new Set([
    ...(argValue('scales') ?? '0.1,1').split(',').map((s) => parseScale(s, 1)),
    ...(EXTRA_SCALE === undefined ? [] : [parseScale(EXTRA_SCALE, 5)]),
  ]),
].sort((a, b) => a - b);
const DURATION = Number(argValue('duration') ?? (SHORT ? 3 : 10));
const ROUNDS = Number(argValue('rounds') ?? (SHORT ? 1 : 2));
const CONNECTIONS = Number(argValue('connections') ?? 16);
/** A dashboard is one association's coordinators' screen: a few at once, not 16. */
const DASHBOARD_CONNECTIONS = 4;
/** The follow-up row also at a few connections: one team recording its checks. */
const FOLLOW_UP_CONNECTIONS = [4, CONNECTIONS];
const WARMUP = Number(argValue('warmup') ?? (SHORT ? 1 : 3));
const ONLY = argValue('only')
  ?.split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const CPU_PROF = argv.includes('--cpu-prof');
const PROFILE_DIR = join(BENCH_DIR, 'profiles');
/** A partial run says something, but is not the committed result. */
const WRITES_RESULTS = !SHORT && !ONLY && !CPU_PROF;

interface ScaleResult extends ScaleFigures {
  manifest: SeedManifest;
}

type Target = 'api' | 'baseline';

/** One benchmarked endpoint: how to build a request for each server. */
interface Endpoint {
  name: string;
  method: 'GET' | 'POST';
  /** Concurrent connections (CONNECTIONS unless said). */
  connections?: number;
  /** Path, headers and body of the next request to `target`. */
  next(target: Target): { path: string; headers: Record<string, string>; body?: string };
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

function pick<T>(items: readonly T[]): T {
  return items[Math.floor(Math.random() * items.length)];
}

/** Requests cut off by the end of a run finish before the next run starts. */
const SETTLE_MS = 3000;

async function drive(base: string, endpoint: Endpoint, target: Target, seconds: number) {
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  const result = await autocannon({
    url: base,
    connections: endpoint.connections ?? CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: endpoint.method,
        setupRequest: (request) => {
          const next = endpoint.next(target);
          return {
            ...request,
            path: next.path,
            headers: {
              ...next.headers,
              ...(next.body ? { 'content-type': 'application/json' } : {}),
            },
            body: next.body,
          };
        },
      },
    ],
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    statuses: Object.keys(result.statusCodeStats ?? {}).join(' '),
  };
}

function endpointsFor(
  manifest: SeedManifest,
  tokens: Map<string, string>,
  coordinatorToken: string,
): Endpoint[] {
  const mediators = manifest.mediators.filter((m) => m.caseIds.length > 0);
  const userIdOf = new Map([
    ...manifest.mediators.map((m) => [m.username, m.userId] as const),
    ...manifest.followUpTargets.map((t) => [t.mediatorUsername, t.mediatorUserId] as const),
  ]);
  const auth = (username: string, target: Target): Record<string, string> =>
    target === 'api'
      ? { authorization: `Bearer ${tokens.get(username)}` }
      : { 'x-user-id': userIdOf.get(username)! };
  const signInNames = [...userIdOf.keys()];
  let signIns = 0;
  const dashboardHeaders = (target: Target): Record<string, string> =>
    target === 'api'
      ? { authorization: `Bearer ${coordinatorToken}` }
      : { 'x-association-id': manifest.largeAssociation.id };
  return [
    {
      name: 'case list (mediator)',
      method: 'GET',
      next: (target) => {
        const m = pick(mediators);
        return { path: '/api/v1/cases', headers: auth(m.username, target) };
      },
    },
    {
      name: 'case detail (mediator)',
      method: 'GET',
      next: (target) => {
        const m = pick(mediators);
        return { path: `/api/v1/cases/${pick(m.caseIds)}`, headers: auth(m.username, target) };
      },
    },
    ...[DASHBOARD_CONNECTIONS, CONNECTIONS].map((connections): Endpoint => ({
      name: `dashboard (${manifest.largeAssociation.accordCount} accords)`,
      method: 'GET',
      connections,
      next: (target) => ({
        path: '/api/v1/dashboard/accords',
        headers: dashboardHeaders(target),
      }),
    })),
    ...FOLLOW_UP_CONNECTIONS.map((connections): Endpoint => ({
      name: 'follow-up + 5 assessments',
      method: 'POST',
      connections,
      next: (target) => {
        const t = pick(manifest.followUpTargets);
        const body = {
          checkedAt: new Date(Date.now() - 60_000).toISOString(),
          method: 'visit',
          overall: 'stable',
          assessments: t.termIds.map((termId, i) => ({
            termId,
            status: i === 0 ? 'intermediate' : 'full',
          })),
        };
        return {
          path: `/api/v1/accords/${t.accordId}/follow-ups`,
          headers: auth(t.mediatorUsername, target),
          body: JSON.stringify(body),
        };
      },
    })),
    {
      name: 'sign-in',
      method: 'POST',
      // In turn, not at random: five sign-ins of one account at once are
      // throttled by design (a guessing pattern), which is not what is measured.
      next: () => {
        const i = signIns++ % signInNames.length;
        return {
          path: '/api/v1/auth/login',
          headers: {},
          body: JSON.stringify({ username: signInNames[i], password: manifest.password }),
        };
      },
    },
  ];
}

async function benchScale(server: BenchServer, scale: number): Promise<ScaleResult> {
  const manifest = await ensureSeeded(server, scale, log);
  const url = server.urlFor(databaseNameFor(scale));
  const api = await startApi(url, { cpuProfDir: CPU_PROF ? PROFILE_DIR : undefined });
  const baseline = await startBaseline(url);
  let maxRssMb = rssMb(api.child.pid!);
  let endpointRss = 0;
  const sampler = setInterval(() => {
    const rss = rssMb(api.child.pid!);
    maxRssMb = Math.max(maxRssMb, rss);
    endpointRss = Math.max(endpointRss, rss);
  }, 200);
  try {
    const tokens = new Map<string, string>();
    const usernames = new Set([
      ...manifest.mediators.map((m) => m.username),
      ...manifest.followUpTargets.map((t) => t.mediatorUsername),
    ]);
    for (const username of usernames) {
      tokens.set(username, await signIn(api.base, username, manifest.password));
    }
    const coordinatorToken = await signIn(
      api.base,
      manifest.largeAssociation.coordinatorUsername,
      manifest.password,
    );
    const results: EndpointResult[] = [];
    const endpoints = endpointsFor(manifest, tokens, coordinatorToken).filter(
      (e) => !ONLY || ONLY.some((prefix) => e.name.startsWith(prefix)),
    );
    for (const endpoint of endpoints) {
      const bases: Record<Target, string> = { api: api.base, baseline: baseline.base };
      const runs: Record<Target, Figures[]> = { api: [], baseline: [] };
      endpointRss = 0;
      for (const target of ['api', 'baseline'] as const) {
        await drive(bases[target], endpoint, target, WARMUP);
      }
      for (let round = 0; round < ROUNDS; round++) {
        const order: Target[] = round % 2 === 0 ? ['api', 'baseline'] : ['baseline', 'api'];
        for (const target of order) {
          runs[target].push(await drive(bases[target], endpoint, target, DURATION));
        }
      }
      const row = {
        name: endpoint.name,
        connections: endpoint.connections ?? CONNECTIONS,
        apiRssMb: endpointRss,
        api: combine(runs.api),
        baseline: combine(runs.baseline),
      };
      log(
        `scale ${scale} · ${row.name} × ${row.connections}: API ${row.api.rps.toFixed(0)} req/s p99 ${row.api.p99} ms` +
          ` · baseline ${row.baseline.rps.toFixed(0)} req/s p99 ${row.baseline.p99} ms`,
      );
      results.push(row);
    }
    clearInterval(sampler);
    await stopChild(api.child);
    await stopChild(baseline.child);
    // The write transaction alone, with both servers stopped: the machine's limit for it.
    let pgbench: PgbenchResult = { notMeasured: 'not run (--only)' };
    if (!ONLY || ONLY.some((prefix) => 'follow-up'.startsWith(prefix))) {
      pgbench = await runPgbench(url, manifest, {
        clients: CONNECTIONS,
        seconds: DURATION * ROUNDS,
      });
      log(
        `scale ${scale} · pgbench: ${'tps' in pgbench ? `${pgbench.tps.toFixed(0)} tps p99 ${pgbench.p99} ms` : pgbench.notMeasured}`,
      );
    }
    return {
      scale,
      manifest,
      accordCount: manifest.largeAssociation.accordCount,
      endpoints: results,
      pgbench,
      maxRssMb,
    };
  } finally {
    clearInterval(sampler);
    await stopChild(api.child);
    await stopChild(baseline.child);
  }
}

async function main(): Promise<void> {
  if (!argv.includes('--no-build')) {
    log('building the API (npm run build)');
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  if (!existsSync(join(ROOT, 'dist', 'src', 'main.js'))) throw new Error('no production build');
  const server = await startBenchServer(log);
  const results: ScaleResult[] = [];
  let plans = '';
  let pgVersion = '';
  try {
    for (const scale of SCALES) results.push(await benchScale(server, scale));
    const largest = results[results.length - 1];
    plans = await explainPlans(server, largest.manifest);
    const client = new Client({ connectionString: server.adminUrl });
    await client.connect();
    const version = await client.query<{ server_version: string }>('SHOW server_version');
    pgVersion = version.rows[0].server_version;
    await client.end();
  } finally {
    await server.stop();
  }

  const verdicts = checkTargets(results, {
    connections: CONNECTIONS,
    dashboardConnections: DASHBOARD_CONNECTIONS,
  });
  const report = [
    '# Benchmark results',
    '',
    `Run on ${new Date().toISOString()} by \`npm run bench\`: ${CONNECTIONS} connections (the dashboard also at ${DASHBOARD_CONNECTIONS}, the follow-up at ${FOLLOW_UP_CONNECTIONS.join(' and ')}),` +
      ` ${ROUNDS} interleaved rounds of ${DURATION} s per endpoint and server (after a ${WARMUP} s warm-up),` +
      ' loopback only. The API runs from its production build (NODE_ENV=production, log level info with request logs,' +
      ' default sign-in limits with no limit lifted, every request from 127.0.0.1 with no forwarded address, reminders off);' +
      " the baseline is scripts/bench/baseline.ts. pgbench then runs the follow-up's write transaction alone with" +
      ` ${CONNECTIONS} clients for ${DURATION * ROUNDS} s, both servers stopped.`,
    '',
    '## Machine',
    '',
    machine(),
    `- PostgreSQL ${pgVersion} (${process.env.DATABASE_URL ? 'DATABASE_URL' : 'embedded'}), on the same machine`,
    '',
    ...results.flatMap((r) => [
      `## Scale ${r.scale}`,
      '',
      `Seeded ${Object.entries(r.manifest.counts)
        .map(([table, n]) => `${n} ${table}`)
        .join(', ')} in ${fmt(r.manifest.seconds, 1)} s (${fmt(r.manifest.rowsPerSecond)} rows/s).`,
      '',
      table(r),
      '',
      pgbenchLine(r, CONNECTIONS),
      '',
      `API peak RSS: ${fmt(r.maxRssMb)} MB.`,
      '',
    ]),
    '## Targets',
    '',
    '| target | measured | |',
    '|---|---:|---|',
    ...verdicts.map((c) => `| ${c.target} | ${c.measured} | ${c.ok ? 'met' : 'MISSED'} |`),
    '',
    ...analysis(),
    `## Query plans (scale ${results[results.length - 1].scale})`,
    '',
    plans,
  ].join('\n');
  if (WRITES_RESULTS) {
    mkdirSync(join(ROOT, 'bench'), { recursive: true });
    writeFileSync(join(ROOT, 'bench', 'results.md'), `${report}\n`);
  }
  for (const r of results)
    console.log(
      `\nScale ${r.scale}\n${table(r)}\n${pgbenchLine(r, CONNECTIONS)}\nAPI peak RSS ${fmt(r.maxRssMb)} MB`,
    );
  console.log('\nTargets');
  for (const c of verdicts)
    console.log(`${c.ok ? 'met   ' : 'MISSED'}  ${c.target}: ${c.measured}`);
  console.log(
    WRITES_RESULTS
      ? '\nWritten to bench/results.md'
      : `\nA partial run (--short, --only or --cpu-prof): bench/results.md left as it was.${CPU_PROF ? ` Profiles in ${PROFILE_DIR}.` : ''}`,
  );
}

process.once('SIGINT', () => process.exit(130));
process.once('SIGTERM', () => process.exit(143));

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
