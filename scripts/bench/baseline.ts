/**
 * The benchmark's baseline: a bare Fastify + `pg` server that runs, for each
 * benchmarked endpoint, the same SQL statements as the API, in the same
 * order and transactions, with no framework, no authentication (the caller
 * names itself in `x-user-id`), no validation and no mapping (rows go out as
 * they come). What it does beside SQL is what the endpoint cannot skip: the
 * password hash check, the field encryption of
 * assessment notes. Its throughput is the limit of this machine for that
 * work; the API's is compared with it.
 *
 * Started by scripts/bench/run.ts: `DATABASE_URL=… PORT=… node -r ts-node/register/transpile-only scripts/bench/baseline.ts`.
 */
import { verify as verifyPassword } from '@node-rs/argon2';
import Fastify from 'fastify';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Pool, PoolClient } from 'pg';
import { CASE_ACCESS_SQL } from '../../src/common/access/access.sql';
import type { CheckedAuditEvent } from '../../src/common/audit/audit-input';
import type { Role } from '../../src/common/auth/role';
import { AUDIT_INSERT_SQL, auditInsertValues } from '../../src/common/audit/audit.sql';
import { SELECT_ACCORD } from '../../src/modules/accords/accords.sql';
import { SELECT_CASE, SELECT_CASE_LIST } from '../../src/modules/cases/cases.sql';
import { healthPageSql, refreshCheckSummarySql } from '../../src/modules/accords/accord-health.sql';
import {
  CLEAR_SQL,
  COUNT_FAILURE_SQL,
  GIVE_BACK_SQL,
  TAKE_ATTEMPT_ROW_SQL,
} from '../../src/modules/auth/login-throttle.sql';
import {
  INSERT_TRUSTED_DEVICE_SQL,
  PRUNE_TRUSTED_DEVICES_SQL,
} from '../../src/modules/sessions/trusted-devices.sql';
import { MAX_TRUSTED_DEVICES } from '../../src/modules/sessions/trusted-devices.repository';

const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  // The API's pool (src/database/data-source.ts).
  max: 10,
  application_name: 'toguna-baseline',
});

const PAGE = 50;

async function inTransaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

/**
 * AuditService.record: insert the unsealed event, no lock. Sealing runs
 * elsewhere (the API's sequencer, during the run, seals these events too).
 */
async function appendAudit(
  client: PoolClient,
  event: Omit<CheckedAuditEvent, 'requestId' | 'actorRole'> & { actorRole: string | null },
): Promise<void> {
  const checked = { ...event, actorRole: event.actorRole as Role, requestId: randomUUID() };
  await client.query(AUDIT_INSERT_SQL, auditInsertValues(checked));
}

function userOf(headers: Record<string, unknown>): string {
  return String(headers['x-user-id']);
}

// Like the API behind a proxy: the client address comes from X-Forwarded-For.
const app = Fastify({ logger: false, trustProxy: true });

// GET /api/v1/cases, as a mediator: CasesRepository.list with AccessService.visibleCases.
app.get('/api/v1/cases', async (request) => {
  const { rows } = await pool.query(
    `${SELECT_CASE_LIST} WHERE EXISTS (SELECT 1 FROM case_team_member m WHERE m.case_id = c.id AND m.user_id = $1)
      ORDER BY c.created_at DESC, c.id DESC LIMIT $2`,
    [userOf(request.headers), PAGE + 1],
  );
  return { items: rows.slice(0, PAGE) };
});

// GET /api/v1/cases/:id: AccessService.caseFor, CasesRepository.findById, the audited read.
app.get<{ Params: { id: string } }>('/api/v1/cases/:id', async (request, reply) => {
  const userId = userOf(request.headers);
  const access = (await pool.query(CASE_ACCESS_SQL, [request.params.id, userId])).rows[0] as
    { association_id: string; on_team: boolean } | undefined;
  if (!access?.on_team) return reply.status(404).send({ code: 'not_found' });
  const row: unknown = (await pool.query(`${SELECT_CASE} WHERE c.id = $1`, [request.params.id]))
    .rows[0];
  await inTransaction((client) =>
    appendAudit(client, {
      actorUserId: userId,
      actorRole: 'mediator',
      action: 'case.read_sensitive',
      entityType: 'case',
      entityId: request.params.id,
      associationId: access.association_id,
      details: { fields: ['confidentialNotes', 'locationDetail'] },
    }),
  );
  return row;
});

// GET /api/v1/dashboard/accords, as a coordinator: DashboardRepository.page.
app.get('/api/v1/dashboard/accords', async (request) => {
  const associationId = String(request.headers['x-association-id']);
  const { rows } = await pool.query(healthPageSql('c.association_id = $2', 1, false), [
    new Date().toISOString(),
    associationId,
    PAGE + 1,
  ]);
  return { items: rows.slice(0, PAGE) };
});

interface FollowUpBody {
  checkedAt: string;
  method: string;
  overall: string;
  assessments: { termId: string; status: string; note?: string }[];
}

// POST /api/v1/accords/:id/follow-ups: AccordsService.addFollowUp.
app.post<{ Params: { id: string }; Body: FollowUpBody }>(
  '/api/v1/accords/:id/follow-ups',
  async (request, reply) => {
    const userId = userOf(request.headers);
    const accordId = request.params.id;
    const body = request.body;
    const accord = (await pool.query(`${SELECT_ACCORD} WHERE a.id = $1`, [accordId])).rows[0] as
      { caseId: string; followUpIntervalDays: number } | undefined;
    if (!accord) return reply.status(404).send({ code: 'not_found' });
    const access = (await pool.query(CASE_ACCESS_SQL, [accord.caseId, userId])).rows[0] as {
      association_id: string;
    };
    const termIds = body.assessments.map((a) => a.termId);
    await pool.query(
      `SELECT x.id::text AS id FROM unnest($2::uuid[]) AS x(id)
        WHERE NOT EXISTS (SELECT 1 FROM accord_term t WHERE t.accord_id = $1 AND t.id = x.id)
        ORDER BY 1`,
      [accordId, termIds],
    );
    const id = randomUUID();
    const checkedAt = new Date(body.checkedAt);
    const nextCheckDue = new Date(checkedAt.getTime() + accord.followUpIntervalDays * 86_400_000);
    const createdAt = await inTransaction(async (client) => {
      await client.query('SELECT 1 FROM accord WHERE id = $1 FOR NO KEY UPDATE', [accordId]);
      const inserted = await client.query(
        `INSERT INTO follow_up (id, accord_id, checked_at, method, indicators, overall,
                                next_check_due, implementation_score, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING created_at`,
        [id, accordId, checkedAt, body.method, {}, body.overall, nextCheckDue, '1.00', userId],
      );
      const values = body.assessments.map(
        (_, i) => `($${i * 5 + 1}, $${i * 5 + 2}, $${i * 5 + 3}, $${i * 5 + 4}, $${i * 5 + 5})`,
      );
      await client.query(
        `INSERT INTO follow_up_assessment (id, follow_up_id, term_id, status, note)
         VALUES ${values.join(', ')}`,
        body.assessments.flatMap((a) => [randomUUID(), id, a.termId, a.status, null]),
      );
      await client.query(refreshCheckSummarySql('SELECT $1::uuid'), [accordId]);
      await appendAudit(client, {
        actorUserId: userId,
        actorRole: 'mediator',
        action: 'follow_up.create',
        entityType: 'follow_up',
        entityId: id,
        associationId: access.association_id,
        details: {
          ids: [accordId, accord.caseId],
          fields: ['assessments', 'checkedAt', 'method', 'overall'],
          count: termIds.length,
        },
      });
      return (inserted.rows[0] as { created_at: Date }).created_at;
    });
    return reply.status(201).send({ id, accordId, checkedAt, nextCheckDue, createdAt });
  },
);

// POST /api/v1/auth/login: the attempt counters, the password check, the session, the device token.
app.post<{ Body: { username: string; password: string } }>(
  '/api/v1/auth/login',
  async (request, reply) => {
    const name = request.body.username.trim().toLowerCase();
    // The attempt counters, as the API counts them (without the keyed hash).
    // Its own keys: the API's counters live in the same table, and one server's sign-ins
    // still in flight when the other's run starts must not count against it.
    const keys = [
      { key: `baseline-ip:${request.ip}`, threshold: 100 },
      { key: `baseline-user:${name}`, threshold: 5 },
    ].sort((x, y) => x.key.localeCompare(y.key));
    await inTransaction(async (client) => {
      const rows: { failures: number }[] = [];
      for (const { key } of keys) {
        rows.push(
          (await client.query(TAKE_ATTEMPT_ROW_SQL, [key])).rows[0] as { failures: number },
        );
      }
      for (const [i, { key }] of keys.entries()) {
        await client.query(COUNT_FAILURE_SQL, [key, rows[i].failures + 1, null]);
      }
    });
    const user = (await pool.query('SELECT * FROM app_user WHERE username = $1', [name]))
      .rows[0] as
      | { id: string; role: string; association_id: string | null; password_hash: string }
      | undefined;
    if (!user || !(await verifyPassword(user.password_hash, request.body.password))) {
      return reply.status(401).send({ code: 'invalid_credentials' });
    }
    await pool.query(CLEAR_SQL, [`baseline-user:${name}`]);
    await pool.query(GIVE_BACK_SQL, [`baseline-ip:${request.ip}`, 100]);
    const sessionId = randomUUID();
    const refreshToken = randomBytes(32).toString('base64url');
    const deviceToken = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + 30 * 86_400_000);
    await inTransaction(async (client) => {
      await client.query(
        `INSERT INTO session (id, user_id, expires_at, last_used_at, user_agent)
         VALUES ($1, $2, $3, now(), $4)`,
        [sessionId, user.id, expiresAt, request.headers['user-agent'] ?? null],
      );
      await client.query(
        `INSERT INTO refresh_token (id, session_id, token_hash, expires_at) VALUES ($1, $2, $3, $4)`,
        [randomUUID(), sessionId, createHash('sha256').update(refreshToken).digest(), expiresAt],
      );
      await client.query(INSERT_TRUSTED_DEVICE_SQL, [
        randomUUID(),
        user.id,
        createHash('sha256').update(deviceToken).digest(),
        new Date(Date.now() + 90 * 86_400_000),
      ]);
      await client.query(PRUNE_TRUSTED_DEVICES_SQL, [user.id, MAX_TRUSTED_DEVICES]);
      await appendAudit(client, {
        actorUserId: user.id,
        actorRole: user.role,
        action: 'auth.login',
        entityType: 'session',
        entityId: sessionId,
        associationId: user.association_id,
        details: {},
      });
    });
    return { sessionId, refreshToken, deviceToken, user: { id: user.id, role: user.role } };
  },
);

app.get('/health', async () => {
  await pool.query('SELECT 1');
  return { status: 'ok' };
});

const port = Number(process.env.PORT ?? 3998);
app.listen({ port, host: '127.0.0.1' }).then(
  () => process.stdout.write(`baseline listening on ${port}\n`),
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  },
);
const stop = (): void => {
  void app
    .close()
    .then(() => pool.end())
    .finally(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
