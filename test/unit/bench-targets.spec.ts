import { pgbenchScript } from '../../scripts/bench/pgbench';
import { checkTargets, EndpointResult, Figures, ScaleFigures } from '../../scripts/bench/targets';

const figures = (rps: number, p99: number, statuses = '200'): Figures => ({
  rps,
  p50: p99 / 2,
  p99,
  requests: rps * 10,
  non2xx: statuses.split(' ').filter((s) => !s.startsWith('2')).length,
  errors: 0,
  statuses,
});

const row = (
  name: string,
  connections: number,
  api: Figures,
  baseline: Figures,
): EndpointResult => ({
  name,
  connections,
  apiRssMb: 200,
  api,
  baseline,
});

function scale(scale: number, apiCaseListRps: number): ScaleFigures {
  return {
    scale,
    accordCount: 2000,
    maxRssMb: 240,
    pgbench: { tps: 400, p50: 20, p99: 60, transactions: 8000, version: 'pgbench 15' },
    endpoints: [
      row('case list (mediator)', 16, figures(apiCaseListRps, 80), figures(400, 60)),
      row('case detail (mediator)', 16, figures(330, 80), figures(400, 60)),
      row('dashboard (2000 accords)', 4, figures(90, 95), figures(100, 80)),
      row('dashboard (2000 accords)', 16, figures(95, 300), figures(100, 250)),
      row('follow-up + 5 assessments', 4, figures(150, 30), figures(160, 25)),
      row('follow-up + 5 assessments', 16, figures(210, 45), figures(230, 40)),
      row('sign-in', 16, figures(50, 600, '200 429'), figures(60, 500)),
    ],
  };
}

describe("the benchmark's targets (issue #20)", () => {
  const options = { connections: 16, dashboardConnections: 4 };

  it('lists every target, met or MISSED, with what was measured', () => {
    const checks = checkTargets([scale(0.1, 300), scale(1, 290)], options);
    expect(checks.map((c) => [c.target, c.ok])).toEqual([
      ['follow-up write p99 ≤ 50 ms at 16 connections, scale 1', true],
      ["follow-up write req/s ≥ 50 % of the pgbench transaction's (scale 1)", true],
      ["case list ≥ 70 % of the baseline's req/s (scale 0.1)", true],
      ["case list ≥ 70 % of the baseline's req/s (scale 1)", true],
      ["case detail ≥ 80 % of the baseline's req/s (scale 0.1)", true],
      ["case detail ≥ 80 % of the baseline's req/s (scale 1)", true],
      ['dashboard (2000 accords) p99 ≤ 100 ms at 4 connections, scale 1', true],
      ['API peak RSS under load ≤ 250 MB', true],
      ['throughput drop scale 0.1 → 1 ≤ 20 % on every read row', true],
      [
        'every response 2xx (sign-ins: 2xx or 429 from the per-address limit), no socket error',
        true,
      ],
    ]);
    expect(checks[1].measured).toBe('52.5 % (210 / 400)');
  });

  it('a target below its floor, a missing figure or pgbench absent is MISSED, never dropped', () => {
    const small = scale(0.1, 300);
    const large = { ...scale(1, 200), pgbench: { notMeasured: 'pgbench not found' } };
    large.endpoints = large.endpoints.filter((e) => !e.name.startsWith('case detail'));
    const checks = checkTargets([small, large], options);
    expect(checks).toHaveLength(10);
    const verdict = (prefix: string) => checks.filter((c) => c.target.startsWith(prefix));
    expect(verdict('follow-up write req/s')[0]).toMatchObject({
      ok: false,
      measured: 'not measured: pgbench not found',
    });
    expect(verdict('case list').map((c) => c.ok)).toEqual([true, false]);
    expect(verdict('case detail').map((c) => [c.measured, c.ok])).toEqual([
      ['82.5 %', true],
      ['not measured', false],
    ]);
    expect(verdict('throughput drop')[0].ok).toBe(false);
  });

  it('pgbench runs the whole write transaction: lock, follow-up, five assessments, summary, audit event', () => {
    const script = pgbenchScript(42);
    expect(script).toContain('\\set i random(1, 42)');
    expect(script).toMatch(/^BEGIN;$/m);
    expect(script).toMatch(/^COMMIT;$/m);
    expect(script).toContain('FOR NO KEY UPDATE');
    expect(script.match(/\(gen_random_uuid\(\), ':f_id', ':t\d'/g)).toHaveLength(5);
    expect(script).toContain('INSERT INTO accord_check_summary');
    expect(script).toContain('INSERT INTO audit_event');
    expect(script).not.toMatch(/\$\d/);
  });
});
