import { ADVISORY_LOCKS } from '../advisory-locks';
import type { CheckedAuditEvent } from './audit-input';

/**
 * Held by the sequencer's transaction while it seals a batch, so one
 * instance at a time extends the chain. Writers never take it.
 */
export const AUDIT_SEAL_LOCK = ADVISORY_LOCKS.auditSealing;

/** Waits for the seal lock ($1: AUDIT_SEAL_LOCK) and holds it until the transaction ends. */
export const AUDIT_SEAL_LOCK_SQL = 'SELECT pg_advisory_xact_lock($1)';
/** Takes the seal lock if free (true) or returns false at once. */
export const AUDIT_TRY_SEAL_LOCK_SQL = 'SELECT pg_try_advisory_xact_lock($1) AS locked';

/**
 * One unsealed event ($1 actor_user_id … $8 details); its time is the
 * database clock, truncated to milliseconds (what a timestamp round-trips as
 * in JavaScript, so the hash computed when sealing matches the verifier's).
 */
export const AUDIT_INSERT_SQL = auditInsertSql(1);

/** AUDIT_INSERT_SQL with its eight parameters numbered from `first` (to embed it in a statement). */
export function auditInsertSql(first: number): string {
  const p = Array.from({ length: 8 }, (_, i) => `$${first + i}`);
  return `INSERT INTO audit_event (occurred_at, actor_user_id, actor_role, action,
    entity_type, entity_id, association_id, request_id, details)
  VALUES (date_trunc('milliseconds', clock_timestamp()), ${p.join(', ')})
  RETURNING id`;
}

/** The parameters of AUDIT_INSERT_SQL for a checked event. */
export function auditInsertValues(event: CheckedAuditEvent): unknown[] {
  return [
    event.actorUserId ?? null,
    event.actorRole ?? null,
    event.action,
    event.entityType ?? null,
    event.entityId ?? null,
    event.associationId ?? null,
    event.requestId ?? null,
    event.details ?? {},
  ];
}

/** The sealed chain's head: last seq and hash (no row when nothing is sealed). */
export const AUDIT_HEAD_SQL = `SELECT seq, hash FROM audit_event
  WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1`;

/**
 * Up to $1 committed unsealed events, oldest insertion first. An event whose
 * transaction commits after this statement started is not seen and stays for
 * the next batch: nothing is skipped, whatever the commit order.
 */
export const AUDIT_UNSEALED_SQL = `SELECT id, occurred_at, actor_user_id, actor_role, action, entity_type,
    entity_id, association_id, request_id, details
  FROM audit_event WHERE seq IS NULL ORDER BY id LIMIT $1`;

/** Seals a batch: $1 ids, $2 seqs, $3 prev hashes, $4 hashes (arrays in the same order). */
export const AUDIT_SEAL_SQL = `UPDATE audit_event AS e
     SET seq = v.seq, prev_hash = v.prev_hash, hash = v.hash
    FROM unnest($1::bigint[], $2::bigint[], $3::bytea[], $4::bytea[]) AS v(id, seq, prev_hash, hash)
   WHERE e.id = v.id AND e.seq IS NULL`;

/** Events written but not sealed yet. */
export const AUDIT_UNSEALED_COUNT_SQL =
  'SELECT count(*)::int AS n FROM audit_event WHERE seq IS NULL';
