import type { AuditChainRow } from './audit-hash';

/**
 * Any constant works, as long as every instance uses the same one (the
 * migration lock is 7_340_001). Held by the writing transaction until it
 * ends, so the chain order is the commit order across API instances.
 */
export const AUDIT_CHAIN_LOCK = 7_340_002;

/** Takes the chain lock ($1: AUDIT_CHAIN_LOCK) until the transaction ends. */
export const AUDIT_LOCK_SQL = 'SELECT pg_advisory_xact_lock($1)';

/** The chain's head (last seq and hash, or nulls) and the time, read after the lock. */
export const AUDIT_HEAD_SQL = `SELECT e.seq, e.hash, date_trunc('milliseconds', clock_timestamp()) AS now
         FROM (SELECT 1) AS one
         LEFT JOIN LATERAL (SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1) AS e ON true`;

/** One event, every column given ($1 seq … $12 hash, in the table's order). */
export const AUDIT_INSERT_SQL = `INSERT INTO audit_event (seq, occurred_at, actor_user_id, actor_role, action,
    entity_type, entity_id, association_id, request_id, details, prev_hash, hash)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`;

/** The parameters of AUDIT_INSERT_SQL for an event and its hash. */
export function auditInsertValues(row: AuditChainRow, hash: Buffer): unknown[] {
  return [
    row.seq,
    row.occurredAt,
    row.actorUserId,
    row.actorRole,
    row.action,
    row.entityType,
    row.entityId,
    row.associationId,
    row.requestId,
    row.details,
    row.prevHash,
    hash,
  ];
}
