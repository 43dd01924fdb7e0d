import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EntityManager as Tx } from 'typeorm';
import { AuditEvent } from './audit-event.entity';
import type { AuditChainRow } from './audit-hash';
import type { AuditDetails, CheckedAuditEvent } from './audit-input';
import {
  AUDIT_HEAD_SQL,
  AUDIT_INSERT_SQL,
  AUDIT_SEAL_LOCK,
  AUDIT_SEAL_LOCK_SQL,
  AUDIT_SEAL_SQL,
  AUDIT_TRY_SEAL_LOCK_SQL,
  AUDIT_UNSEALED_COUNT_SQL,
  AUDIT_UNSEALED_SQL,
  auditInsertValues,
} from './audit.sql';

export interface ChainHead {
  /** The last sealed event's seq and hash; 0 and null when nothing is sealed. */
  seq: number;
  hash: Buffer | null;
}

/** A committed event waiting for its place in the chain. */
export type UnsealedEvent = Omit<AuditChainRow, 'seq' | 'prevHash'> & { id: string };

/** What sealing writes for one event. */
export interface Seal {
  id: string;
  seq: number;
  prevHash: Buffer | null;
  hash: Buffer;
}

export interface AuditListFilter {
  /** Only the events of this association (coordinators); undefined: all (admins). */
  associationId?: string;
  entityId?: string;
  /** Keyset: only events written before this id. */
  beforeId: string | null;
  limit: number;
}

interface UnsealedRow {
  id: string;
  occurred_at: Date;
  actor_user_id: string | null;
  actor_role: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  association_id: string | null;
  request_id: string | null;
  details: AuditDetails;
}

@Injectable()
export class AuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A plain statement, no lock: the event is unsealed until the sequencer seals it. */
  async insert(tx: Tx, event: CheckedAuditEvent): Promise<string> {
    const rows: { id: string }[] = await tx.query(AUDIT_INSERT_SQL, auditInsertValues(event));
    return rows[0].id;
  }

  /**
   * Takes the seal lock until `tx` ends: waits for it (`wait`) or gives up
   * at once when another instance holds it (false).
   */
  async lockSeal(tx: Tx, wait: boolean): Promise<boolean> {
    if (wait) {
      await tx.query(AUDIT_SEAL_LOCK_SQL, [AUDIT_SEAL_LOCK]);
      return true;
    }
    const rows: { locked: boolean }[] = await tx.query(AUDIT_TRY_SEAL_LOCK_SQL, [AUDIT_SEAL_LOCK]);
    return rows[0].locked;
  }

  /** The sealed chain's head, read under the seal lock. */
  async head(tx: Tx): Promise<ChainHead> {
    const rows: { seq: string; hash: Buffer }[] = await tx.query(AUDIT_HEAD_SQL);
    return rows.length === 0
      ? { seq: 0, hash: null }
      : { seq: Number(rows[0].seq), hash: rows[0].hash };
  }

  /** Up to `limit` committed unsealed events, in insertion order. */
  async unsealed(tx: Tx, limit: number): Promise<UnsealedEvent[]> {
    const rows: UnsealedRow[] = await tx.query(AUDIT_UNSEALED_SQL, [limit]);
    return rows.map((r) => ({
      id: r.id,
      occurredAt: r.occurred_at,
      actorUserId: r.actor_user_id,
      actorRole: r.actor_role,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      associationId: r.association_id,
      requestId: r.request_id,
      details: r.details,
    }));
  }

  /** Writes the seals; throws (and so rolls back) unless every event was still unsealed. */
  async seal(tx: Tx, seals: Seal[]): Promise<void> {
    const [, updated]: [unknown, number] = await tx.query(AUDIT_SEAL_SQL, [
      seals.map((s) => s.id),
      seals.map((s) => s.seq),
      seals.map((s) => s.prevHash),
      seals.map((s) => s.hash),
    ]);
    if (updated !== seals.length) {
      throw new Error(`audit sealing: ${updated} of ${seals.length} events were still unsealed`);
    }
  }

  async unsealedCount(): Promise<number> {
    const rows: { n: number }[] = await this.dataSource.query(AUDIT_UNSEALED_COUNT_SQL);
    return rows[0].n;
  }

  /** Up to `limit` sealed events after `afterSeq`, in seq order (for the verifier). */
  chainBatch(afterSeq: number, limit: number): Promise<AuditEvent[]> {
    return this.dataSource.manager
      .createQueryBuilder(AuditEvent, 'e')
      .where('e.seq > :afterSeq', { afterSeq })
      .orderBy('e.seq', 'ASC')
      .limit(limit)
      .getMany();
  }

  /** Newest first (by id, sealed or not), keyset by id; `limit + 1` rows so the caller knows whether more follow. */
  list(filter: AuditListFilter): Promise<AuditEvent[]> {
    const qb = this.dataSource.manager.createQueryBuilder(AuditEvent, 'e');
    if (filter.associationId !== undefined)
      qb.andWhere('e.associationId = :associationId', { associationId: filter.associationId });
    if (filter.entityId !== undefined)
      qb.andWhere('e.entityId = :entityId', { entityId: filter.entityId });
    if (filter.beforeId !== null) qb.andWhere('e.id < :beforeId', { beforeId: filter.beforeId });
    return qb
      .orderBy('e.id', 'DESC')
      .limit(filter.limit + 1)
      .getMany();
  }
}
