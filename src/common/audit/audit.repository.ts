import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EntityManager as Tx } from 'typeorm';
import { AuditEvent } from './audit-event.entity';
import {
  AUDIT_CHAIN_LOCK,
  AUDIT_HEAD_SQL,
  AUDIT_INSERT_SQL,
  AUDIT_LOCK_SQL,
  auditInsertValues,
} from './audit.sql';

export interface ChainHead {
  /** The last event's seq and hash; null when the trail is empty. */
  seq: number | null;
  hash: Buffer | null;
  /** The database clock, truncated to milliseconds (what a timestamp round-trips as). */
  now: Date;
}

export interface AuditListFilter {
  /** Only the events of this association (coordinators); undefined: all (admins). */
  associationId?: string;
  entityId?: string;
  /** Keyset: only events with a smaller seq. */
  beforeSeq: number | null;
  limit: number;
}

@Injectable()
export class AuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Takes the chain lock (until `tx` ends), then reads the head of the chain
   * and the time. Read after the lock, in READ COMMITTED, the head is the
   * last committed event: nobody else can append until this transaction ends.
   */
  async lockHead(tx: Tx): Promise<ChainHead> {
    await tx.query(AUDIT_LOCK_SQL, [AUDIT_CHAIN_LOCK]);
    const rows: { seq: string | null; hash: Buffer | null; now: Date }[] =
      await tx.query(AUDIT_HEAD_SQL);
    const row = rows[0];
    return { seq: row.seq === null ? null : Number(row.seq), hash: row.hash, now: row.now };
  }

  /** A plain statement: it runs while the chain lock is held, so it should cost nothing to build. */
  async insert(tx: Tx, event: AuditEvent): Promise<void> {
    await tx.query(AUDIT_INSERT_SQL, auditInsertValues(event, event.hash));
  }

  /** Up to `limit` events after `afterSeq`, in seq order (for the verifier). */
  chainBatch(afterSeq: number, limit: number): Promise<AuditEvent[]> {
    return this.dataSource.manager
      .createQueryBuilder(AuditEvent, 'e')
      .where('e.seq > :afterSeq', { afterSeq })
      .orderBy('e.seq', 'ASC')
      .limit(limit)
      .getMany();
  }

  /** Newest first, keyset by seq; `limit + 1` rows so the caller knows whether more follow. */
  list(filter: AuditListFilter): Promise<AuditEvent[]> {
    const qb = this.dataSource.manager.createQueryBuilder(AuditEvent, 'e');
    if (filter.associationId !== undefined)
      qb.andWhere('e.associationId = :associationId', { associationId: filter.associationId });
    if (filter.entityId !== undefined)
      qb.andWhere('e.entityId = :entityId', { entityId: filter.entityId });
    if (filter.beforeSeq !== null)
      qb.andWhere('e.seq < :beforeSeq', { beforeSeq: filter.beforeSeq });
    return qb
      .orderBy('e.seq', 'DESC')
      .limit(filter.limit + 1)
      .getMany();
  }
}
