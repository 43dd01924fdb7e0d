/**
 * The targets of issue #20, each checked against a run: met or MISSED, none
 * left out (a target whose figure is missing is MISSED, with the reason).
 */
import type { PgbenchResult } from './pgbench';

export interface Figures {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
  /** The status codes seen. */
  statuses: string;
}

/** The rounds of one endpoint on one server as one row: mean req/s, median p50, worst p99. */
export function combine(runs: Figures[]): Figures {
  const sum = (f: (x: Figures) => number) => runs.reduce((acc, x) => acc + f(x), 0);
  const sorted = (f: (x: Figures) => number) => runs.map(f).sort((a, b) => a - b);
  return {
    rps: sum((x) => x.rps) / runs.length,
    p50: sorted((x) => x.p50)[Math.floor((runs.length - 1) / 2)],
    // The worst round: a target on p99 must hold in every round.
    p99: Math.max(...runs.map((x) => x.p99)),
    requests: sum((x) => x.requests),
    non2xx: sum((x) => x.non2xx),
    errors: sum((x) => x.errors),
    statuses: [...new Set(runs.flatMap((x) => x.statuses.split(' ')))].sort().join(' '),
  };
}

export interface EndpointResult {
  name: string;
  connections: number;
  /** The API's peak resident memory while this endpoint was driven. */
  apiRssMb: number;
  api: Figures;
  baseline: Figures;
}

export interface ScaleFigures {
  scale: number;
  accordCount: number;
  endpoints: EndpointResult[];
  pgbench: PgbenchResult;
  maxRssMb: number;
}

export interface Check {
  target: string;
  measured: string;
  ok: boolean;
}

const pct = (ratio: number) => `${(100 * ratio).toFixed(1)} %`;

/** Read rows: what the throughput-drop target covers. */
export const READ_ROWS = ['case list', 'case detail', 'dashboard'];

export function checkTargets(
  results: ScaleFigures[],
  options: { connections: number; dashboardConnections: number },
): Check[] {
  const out: Check[] = [];
  // The targets name scales 0.1 and 1; a --scale 5 run adds its own rows beside them.
  const at = (scale: number) => results.find((r) => r.scale === scale);
  const scaleOne = at(1) ?? results[results.length - 1];
  const find = (r: ScaleFigures | undefined, prefix: string, connections?: number) =>
    r?.endpoints.find(
      (e) =>
        e.name.startsWith(prefix) && (connections === undefined || e.connections === connections),
    );
  const missing = (target: string) => out.push({ target, measured: 'not measured', ok: false });

  const followUp = find(scaleOne, 'follow-up', options.connections);
  const followTarget = `follow-up write p99 ≤ 50 ms at ${options.connections} connections, scale ${scaleOne.scale}`;
  if (followUp) {
    out.push({
      target: followTarget,
      measured: `${followUp.api.p99} ms`,
      ok: followUp.api.p99 <= 50,
    });
  } else missing(followTarget);

  const pgTarget = `follow-up write req/s ≥ 50 % of the pgbench transaction's (scale ${scaleOne.scale})`;
  const pg = scaleOne.pgbench;
  if (followUp && 'tps' in pg && pg.tps > 0) {
    const ratio = followUp.api.rps / pg.tps;
    out.push({
      target: pgTarget,
      measured: `${pct(ratio)} (${followUp.api.rps.toFixed(0)} / ${pg.tps.toFixed(0)})`,
      ok: ratio >= 0.5,
    });
  } else {
    out.push({
      target: pgTarget,
      measured: 'notMeasured' in pg ? `not measured: ${pg.notMeasured}` : 'not measured',
      ok: false,
    });
  }

  for (const [prefix, floor] of [
    ['case list', 0.7],
    ['case detail', 0.8],
  ] as const) {
    for (const scale of [0.1, 1]) {
      const target = `${prefix} ≥ ${floor * 100} % of the baseline's req/s (scale ${scale})`;
      const e = find(at(scale), prefix);
      if (!e) {
        missing(target);
        continue;
      }
      const ratio = e.api.rps / e.baseline.rps;
      out.push({ target, measured: pct(ratio), ok: ratio >= floor });
    }
  }

  const dashTarget = `dashboard (${scaleOne.accordCount} accords) p99 ≤ 100 ms at ${options.dashboardConnections} connections, scale ${scaleOne.scale}`;
  const dashboard = find(scaleOne, 'dashboard', options.dashboardConnections);
  if (dashboard) {
    out.push({
      target: dashTarget,
      measured: `${dashboard.api.p99} ms`,
      ok: dashboard.api.p99 <= 100,
    });
  } else missing(dashTarget);

  const rss = Math.max(...results.map((r) => r.maxRssMb));
  out.push({
    target: 'API peak RSS under load ≤ 250 MB',
    measured: `${rss.toFixed(0)} MB`,
    ok: rss <= 250,
  });

  const small = at(0.1);
  const dropTarget = 'throughput drop scale 0.1 → 1 ≤ 20 % on every read row';
  if (small && at(1)) {
    const drops = at(1)!
      .endpoints.filter((e) => READ_ROWS.some((p) => e.name.startsWith(p)))
      .map((e) => {
        const before = small.endpoints.find(
          (s) => s.name.split(' (')[0] === e.name.split(' (')[0] && s.connections === e.connections,
        );
        return {
          name: `${e.name.split(' (')[0]} ×${e.connections}`,
          drop: before ? 1 - e.api.rps / before.api.rps : NaN,
        };
      });
    const worst = Math.max(...drops.map((d) => d.drop));
    out.push({
      target: dropTarget,
      measured: drops.map((d) => `${d.name} ${(100 * d.drop).toFixed(0)} %`).join(', '),
      ok: Number.isFinite(worst) && worst <= 0.2,
    });
  } else missing(dropTarget);

  // Sign-ins run with the default limits from one address: 429s there are the protection at work.
  const failed = results.flatMap((r) =>
    r.endpoints
      .filter((e) => {
        const onlyOkOr429 = (f: Figures) =>
          f.errors === 0 && f.statuses.split(' ').every((s) => s === '' || /^(2\d\d|429)$/.test(s));
        if (e.name.startsWith('sign-in')) return !(onlyOkOr429(e.api) && onlyOkOr429(e.baseline));
        return e.api.non2xx + e.api.errors + e.baseline.non2xx + e.baseline.errors > 0;
      })
      .map((e) => `${e.name} at scale ${r.scale} (${e.api.statuses} / ${e.baseline.statuses})`),
  );
  out.push({
    target: 'every response 2xx (sign-ins: 2xx or 429 from the per-address limit), no socket error',
    measured: failed.length === 0 ? 'yes' : failed.join('; '),
    ok: failed.length === 0,
  });
  return out;
}
