import { createHash } from 'node:crypto';
import { AuditDetails } from './audit-input';

/** Every column of an audit_event row except its own hash. */
export interface AuditChainRow {
  seq: number;
  occurredAt: Date;
  actorUserId: string | null;
  actorRole: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  associationId: string | null;
  requestId: string | null;
  details: AuditDetails;
  prevHash: Buffer | null;
}

/** Changing the serialisation breaks every stored hash: a new format gets a new tag. */
export const AUDIT_HASH_FORMAT = 'toguna.audit_event.v1';

/** JSON with object keys sorted at every level (arrays keep their order). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const source = value as Record<string, unknown>;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(source).sort()) {
      if (source[key] !== undefined) sorted[key] = sortKeys(source[key]);
    }
    return sorted;
  }
  return value;
}

/**
 * The bytes a row's hash covers: a JSON array in a fixed order — format tag,
 * previous hash (hex, or null for the first row), then every other column;
 * timestamps as ISO 8601 with milliseconds, absent values as explicit nulls,
 * details with sorted keys. The writer and the verifier both use this.
 */
export function canonicalAuditRecord(row: AuditChainRow): string {
  return canonicalJson([
    AUDIT_HASH_FORMAT,
    row.prevHash === null ? null : row.prevHash.toString('hex'),
    row.seq,
    row.occurredAt.toISOString(),
    row.actorUserId,
    row.actorRole,
    row.action,
    row.entityType,
    row.entityId,
    row.associationId,
    row.requestId,
    row.details,
  ]);
}

/** SHA-256 of the canonical record: chains the row to the one before it. */
export function auditHash(row: AuditChainRow): Buffer {
  return createHash('sha256').update(canonicalAuditRecord(row), 'utf8').digest();
}
