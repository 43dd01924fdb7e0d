/** What a benchmark run writes: tables, pgbench's row, query plans, the machine (scripts/bench/run.ts). */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { CASE_ACCESS_SQL } from '../../src/common/access/access.sql';
import { healthPageSql } from '../../src/modules/accords/accord-health.sql';
import { SELECT_CASE, SELECT_CASE_LIST } from '../../src/modules/cases/cases.sql';
import { PRINCIPAL_SQL } from '../../src/modules/sessions/sessions.sql';
import type { BenchServer, SeedManifest } from './bench-env';
import type { ScaleFigures } from './targets';

const ROOT = resolve(__dirname, '..', '..');

export async function explainPlans(server: BenchServer, manifest: SeedManifest): Promise<string> {
  const client = new Client({ connectionString: server.urlFor(manifest.database) });
  await client.connect();
  const mediator = manifest.mediators.find((m) => m.caseIds.length > 0)!;
  const session = (
    await client.query('SELECT id, user_id FROM session WHERE revoked_at IS NULL LIMIT 1')
  ).rows[0] as { id: string; user_id: string } | undefined;
  const queries: { title: string; sql: string; params: unknown[] }[] = [
    {
      title: 'The session check of every authenticated request',
      sql: PRINCIPAL_SQL,
      params: [session?.id ?? randomUUID(), session?.user_id ?? mediator.userId],
    },
    {
      title: "A mediator's case list (first page)",
      sql: `${SELECT_CASE_LIST} WHERE EXISTS (SELECT 1 FROM case_team_member m WHERE m.case_id = c.id AND m.user_id = $1)
             ORDER BY c.created_at DESC, c.id DESC LIMIT 51`,
      params: [mediator.userId],
    },
    {
      title: 'Case detail: access check',
      sql: CASE_ACCESS_SQL,
      params: [mediator.caseIds[0], mediator.userId],
    },
    {
      title: 'Case detail: the case with its team',
      sql: `${SELECT_CASE} WHERE c.id = $1`,
      params: [mediator.caseIds[0]],
    },
    {
      title: `Dashboard of the largest association (${manifest.largeAssociation.accordCount} accords)`,
      sql: healthPageSql('c.association_id = $2', 1, false),
      params: [new Date().toISOString(), manifest.largeAssociation.id, 51],
    },
  ];
  const out: string[] = [];
  for (const q of queries) {
    const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${q.sql}`, q.params);
    out.push(
      `#### ${q.title}\n\n\`\`\`\n${rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n')}\n\`\`\`\n`,
    );
  }
  await client.end();
  return out.join('\n');
}

export function fmt(n: number, digits = 0): string {
  return n.toFixed(digits);
}

export function table(result: ScaleFigures): string {
  const lines = [
    `| endpoint | connections | API peak RSS MB | API req/s | API p50 ms | API p99 ms | baseline req/s | baseline p50 ms | baseline p99 ms | API / baseline | non-2xx (API / baseline) |`,
    `|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|`,
  ];
  for (const e of result.endpoints) {
    lines.push(
      `| ${e.name} | ${e.connections} | ${fmt(e.apiRssMb)} | ${fmt(e.api.rps)} | ${e.api.p50} | ${e.api.p99} | ${fmt(e.baseline.rps)} | ${e.baseline.p50} | ${e.baseline.p99} | ${fmt((100 * e.api.rps) / e.baseline.rps)} % | ${e.api.non2xx + e.api.errors} / ${e.baseline.non2xx + e.baseline.errors} |`,
    );
  }
  return lines.join('\n');
}

/** pgbench's row: the follow-up's write transaction with no application in between. */
export function pgbenchLine(result: ScaleFigures, clients: number): string {
  const pg = result.pgbench;
  if (!('tps' in pg))
    return `pgbench (the follow-up's write transaction alone): not measured: ${pg.notMeasured}.`;
  return [
    `| write transaction alone | clients | tx/s | p50 ms | p99 ms | transactions |`,
    `|---|---:|---:|---:|---:|---:|`,
    `| follow-up + 5 assessments + audit event (${pg.version}) | ${clients} | ${fmt(pg.tps)} | ${pg.p50} | ${pg.p99} | ${pg.transactions} |`,
  ].join('\n');
}

/** bench/analysis.md, written by people: why the figures are what they are. */
export function analysis(): string[] {
  const file = join(ROOT, 'bench', 'analysis.md');
  if (!existsSync(file)) return [];
  return [readFileSync(file, 'utf8').trim(), ''];
}

export function machine(): string {
  const cpu = cpus();
  return [
    `- CPU: ${cpu.length} × ${cpu[0]?.model ?? 'unknown'}`,
    `- Memory: ${fmt(totalmem() / 1024 ** 3, 1)} GiB`,
    `- Node.js ${process.version}, ${process.platform} ${process.arch}`,
  ].join('\n');
}
