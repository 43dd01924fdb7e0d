/**
 * The write path's physical limit: pgbench running, in one transaction, what
 * a follow-up with five assessments costs the database (the accord's row
 * lock, the follow-up, its five assessments, the check summary, one audit
 * event), against the benchmark's database, with no application in between.
 * pgbench comes from PGBENCH or the PATH (embedded PostgreSQL ships none).
 */
import { execFileSync, spawn } from 'node:child_process';
import {
  accessSync,
  constants,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { Client } from 'pg';
import { AUDIT_INSERT_SQL } from '../../src/common/audit/audit.sql';
import { refreshCheckSummarySql } from '../../src/modules/accords/accord-health.sql';
import type { SeedManifest } from './bench-env';

export interface PgbenchFigures {
  tps: number;
  p50: number;
  p99: number;
  transactions: number;
  version: string;
}

export type PgbenchResult = PgbenchFigures | { notMeasured: string };

/** PGBENCH, else the first pgbench on the PATH; null when there is none. */
export function findPgbench(env = process.env): string | null {
  const candidates = env.PGBENCH
    ? [env.PGBENCH]
    : (env.PATH ?? '')
        .split(delimiter)
        .filter(Boolean)
        .map((dir) => join(dir, 'pgbench'));
  for (const file of candidates) {
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // next
    }
  }
  return null;
}

const TARGET_TABLE = 'bench_pgbench_target';

/** The audit insert with pgbench's variables in place of $1…$8 (the API's statement). */
function auditInsert(): string {
  const values = [
    `':user_id'`,
    `'mediator'`,
    `'follow_up.create'`,
    `'follow_up'`,
    `':f_id'`,
    `':association_id'`,
    'NULL',
    `'{"fields":["assessments","checkedAt","method","overall"],"count":5}'`,
  ];
  return AUDIT_INSERT_SQL.replace(/\$(\d)/g, (_, n: string) => values[Number(n) - 1]).replace(
    /\s*RETURNING id$/,
    '',
  );
}

/** The transaction, as a pgbench script (variables from the target table). */
export function pgbenchScript(targets: number): string {
  const assessments = [1, 2, 3, 4, 5]
    .map(
      (n) => `(gen_random_uuid(), ':f_id', ':t${n}', '${n === 1 ? 'intermediate' : 'full'}', NULL)`,
    )
    .join(',\n       ');
  return `\\set i random(1, ${targets})
SELECT accord_id, user_id, association_id, t1, t2, t3, t4, t5 FROM ${TARGET_TABLE} WHERE i = :i \\gset
BEGIN;
SELECT 1 FROM accord WHERE id = ':accord_id' FOR NO KEY UPDATE;
INSERT INTO follow_up (id, accord_id, checked_at, method, indicators, overall, next_check_due,
                       implementation_score, created_by)
VALUES (gen_random_uuid(), ':accord_id', now() - interval '1 minute', 'visit', '{}', 'stable',
        now() + interval '30 days', '1.00', ':user_id')
RETURNING id \\gset f_
INSERT INTO follow_up_assessment (id, follow_up_id, term_id, status, note)
VALUES ${assessments};
${refreshCheckSummarySql(`SELECT ':accord_id'::uuid`).trim()};
${auditInsert()};
COMMIT;
`;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Runs the script with `clients` clients for `seconds` s on `url`. */
export async function runPgbench(
  url: string,
  manifest: SeedManifest,
  options: { clients: number; seconds: number },
): Promise<PgbenchResult> {
  const pgbench = findPgbench();
  if (!pgbench) return { notMeasured: 'pgbench not found' };
  const version = execFileSync(pgbench, ['--version'], { encoding: 'utf8' }).trim();
  const db = new Client({ connectionString: url });
  await db.connect();
  const dir = mkdtempSync(join(tmpdir(), 'toguna-pgbench-'));
  try {
    await db.query(`DROP TABLE IF EXISTS ${TARGET_TABLE}`);
    await db.query(
      `CREATE TABLE ${TARGET_TABLE} (i int PRIMARY KEY, accord_id uuid, user_id uuid,
         association_id uuid, t1 uuid, t2 uuid, t3 uuid, t4 uuid, t5 uuid)`,
    );
    const targets = manifest.followUpTargets;
    await db.query(
      `INSERT INTO ${TARGET_TABLE}
       SELECT t.i, t.accord_id, t.user_id, c.association_id, t.terms[1], t.terms[2], t.terms[3], t.terms[4], t.terms[5]
         FROM jsonb_to_recordset($1::jsonb) AS t(i int, accord_id uuid, user_id uuid, terms uuid[])
         JOIN accord a ON a.id = t.accord_id JOIN dialogue_case c ON c.id = a.case_id`,
      [
        JSON.stringify(
          targets.map((t, i) => ({
            i: i + 1,
            accord_id: t.accordId,
            user_id: t.mediatorUserId,
            terms: t.termIds,
          })),
        ),
      ],
    );
    const script = join(dir, 'follow-up.sql');
    writeFileSync(script, pgbenchScript(targets.length));
    const args = [
      '-n',
      '-c',
      String(options.clients),
      '-j',
      String(Math.min(options.clients, 2)),
      '-T',
      String(options.seconds),
      '-f',
      script,
      '-l',
      `--log-prefix=${join(dir, 'tx')}`,
      url,
    ];
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(pgbench, args, { cwd: dir });
      let text = '';
      child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
      child.once('error', reject);
      child.once('exit', (code) =>
        code === 0 ? resolve(text) : reject(new Error(`pgbench exited with ${code}:\n${text}`)),
      );
    });
    const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(output)?.[1]);
    const latencies: number[] = [];
    for (const file of readdirSync(dir).filter((f) => f.startsWith('tx'))) {
      for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
        const us = Number(line.split(' ')[2]);
        if (line && Number.isFinite(us)) latencies.push(us / 1000);
      }
    }
    latencies.sort((a, b) => a - b);
    return {
      tps,
      p50: Math.round(percentile(latencies, 50)),
      p99: Math.round(percentile(latencies, 99)),
      transactions: latencies.length,
      version,
    };
  } finally {
    await db.query(`DROP TABLE IF EXISTS ${TARGET_TABLE}`).catch(() => undefined);
    await db.end();
    rmSync(dir, { recursive: true, force: true });
  }
}
