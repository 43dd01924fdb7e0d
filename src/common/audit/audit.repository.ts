import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Tx } from '../../database/transactions';
import { AuditEvent } from './audit-event.entity';

/**
 * Any constant works, as long as every instance uses the same one (the
 * migration lock is 7_340_001). Held by the writing transaction until it
 * ends, so the chain order is the commit order across API instances.
 */
export const AUDIT_CHAIN_LOCK = 7_340_002;

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
    await tx.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
    const rows: { seq: string | null; hash: Buffer | null; now: Date }[] = await tx.query(
      `SELECT e.seq, e.hash, date_trunc('milliseconds', clock_timestamp()) AS now
         FROM (SELECT 1) AS one
         LEFT JOIN LATERAL (SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1) AS e ON true`,
    );
    const row = rows[0];
    return { seq: row.seq === null ? null : Number(row.seq), hash: row.hash, now: row.now };
  }

  async insert(tx: Tx, event: AuditEvent): Promise<void> {
    await tx.createQueryBuilder().insert().into(AuditEvent).values(event).execute();
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
