import { Check, Column, Entity, Index, PrimaryGeneratedColumn, ValueTransformer } from 'typeorm';
import type { AuditDetails } from './audit-input';
import { Retention } from '../inventory/data-inventory';

/** bigint arrives from pg as a string; sequence numbers stay far below 2^53. */
const bigintAsNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/**
 * One event of the tamper-evident audit trail (src/common/audit). A writer
 * inserts it unsealed (`seq`, `prev_hash` and `hash` null) in its own
 * transaction, without waiting for any other writer; the sequencer
 * (audit-sequencer.ts) seals committed events in batches: `seq` gapless
 * (previous + 1, under an advisory lock) and `hash` covering `prev_hash` and
 * every other column (audit-hash.ts), so an edited, deleted or reordered
 * sealed event breaks the chain. A trigger rejects DELETE, TRUNCATE and every
 * UPDATE but the one sealing an unsealed event without changing its content.
 * `id` orders events by insertion and is not covered by the hash.
 * No foreign keys: events outlive what they describe.
 */
@Entity('audit_event')
@Retention(
  'Forever: append-only (a trigger refuses DELETE, TRUNCATE and any UPDATE but the one that seals an event), hash-chained.',
)
@Index('ix_audit_event_entity_id_id', ['entityId', 'id'])
@Index('ix_audit_event_association_id_id', ['associationId', 'id'])
@Index('ix_audit_event_unsealed', ['id'], { where: 'seq IS NULL' })
@Check('ck_audit_event_sealed', '(seq IS NULL) = (hash IS NULL)')
export class AuditEvent {
  /** bigint as a string (pg's), like every generated bigint key. */
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  /** Position in the sealed chain; null until sealed. */
  @Index('uq_audit_event_seq', { unique: true })
  @Column('bigint', { nullable: true, transformer: bigintAsNumber })
  seq: number | null;

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

  /** Null until sealed. */
  @Column('bytea', { nullable: true })
  hash: Buffer | null;
}
