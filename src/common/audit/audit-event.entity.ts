import { Column, Entity, Index, PrimaryColumn, ValueTransformer } from 'typeorm';
import type { AuditDetails } from './audit-input';
import { Retention } from '../inventory/data-inventory';

/** bigint arrives from pg as a string; sequence numbers stay far below 2^53. */
const bigintAsNumber: ValueTransformer = {
  to: (value: number | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/**
 * One event of the tamper-evident audit trail (src/common/audit). Append-only:
 * a trigger rejects UPDATE, DELETE and TRUNCATE. `seq` is gapless (previous
 * + 1, taken under an advisory lock) and `hash` covers `prev_hash` and every
 * other column (audit-hash.ts), so an edited or deleted row breaks the chain.
 * No foreign keys: events outlive what they describe.
 */
@Entity('audit_event')
@Retention('Forever: append-only (a trigger refuses UPDATE, DELETE and TRUNCATE), hash-chained.')
@Index('ix_audit_event_entity_id_seq', ['entityId', 'seq'])
@Index('ix_audit_event_association_id_seq', ['associationId', 'seq'])
export class AuditEvent {
  @PrimaryColumn('bigint', { transformer: bigintAsNumber })
  seq: number;

  @Index('ix_audit_event_occurred_at')
  @Column('timestamptz')
  occurredAt: Date;

  @Column('uuid', { nullable: true })
  actorUserId: string | null;

  @Column('text', { nullable: true })
  actorRole: string | null;

  @Column('text')
  action: string;

  @Column('text', { nullable: true })
  entityType: string | null;

  @Column('uuid', { nullable: true })
  entityId: string | null;

  /** Whose coordinators may read the event. */
  @Column('uuid', { nullable: true })
  associationId: string | null;

  @Column('text', { nullable: true })
  requestId: string | null;

  /** Field names and ids only, never values (audit-input.ts). */
  @Column('jsonb', { default: {} })
  details: AuditDetails;

  @Column('bytea', { nullable: true })
  prevHash: Buffer | null;

  @Column('bytea')
  hash: Buffer;
}
