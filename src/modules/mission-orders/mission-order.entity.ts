import { Check, Column, Entity, Index, PrimaryColumn, Unique, VersionColumn } from 'typeorm';
import { EncryptedColumn } from '../../common/crypto/encrypted-columns';
import { References, CreatedAt, UpdatedAt } from '../../database/columns';
import { MISSION_ORDER_STATUSES, MissionOrderStatus } from './mission-order-status';

/**
 * An official mandate (ordre de mission) for one or more mediators of an
 * association, addressed to one authority, for areas of its jurisdiction.
 */
@Entity('mission_order')
@Unique('uq_mission_order_order_number', ['orderNumber'])
@Check(
  'ck_mission_order_status',
  `"status" IN (${MISSION_ORDER_STATUSES.map((s) => `'${s}'`).join(', ')})`,
)
@Check(
  'ck_mission_order_validity',
  `"valid_until" > "valid_from" AND "valid_until" <= "valid_from" + interval '90 days'`,
)
@Index('ix_mission_order_association_id_created_at', ['associationId', 'createdAt', 'id'])
@Index('ix_mission_order_authority_id_created_at', ['authorityId', 'createdAt', 'id'])
export class MissionOrder {
  @PrimaryColumn('uuid')
  id: string;

  /** Human-readable, e.g. `OM-2026-000123` (from a sequence). */
  @Column('text')
  orderNumber: string;

  @Column('uuid')
  associationId: string;

  @References('Association', 'association_id', 'RESTRICT')
  association?: unknown;

  @Column('uuid')
  authorityId: string;

  @References('Authority', 'authority_id', 'RESTRICT')
  authority?: unknown;

  @Index('ix_mission_order_case_id')
  @Column('uuid', { nullable: true })
  caseId: string | null;

  @References('DialogueCase', 'case_id', 'RESTRICT')
  dialogueCase?: unknown;

  @Column('text')
  purpose: string;

  @Column('timestamptz')
  validFrom: Date;

  @Column('timestamptz')
  validUntil: Date;

  @Column('text')
  status: MissionOrderStatus;

  @Index('ix_mission_order_requested_by')
  @Column('uuid')
  requestedBy: string;

  @References('User', 'requested_by', 'RESTRICT')
  requester?: unknown;

  @Index('ix_mission_order_decided_by')
  @Column('uuid', { nullable: true })
  decidedBy: string | null;

  @References('User', 'decided_by', 'RESTRICT')
  decider?: unknown;

  @Column('timestamptz', { nullable: true })
  decidedAt: Date | null;

  /** Encrypted (`enc:v1:…`): why it was rejected or revoked. */
  @EncryptedColumn({ nullable: true })
  decisionReason: string | null;

  @Column('timestamptz', { nullable: true })
  revokedAt: Date | null;

  @VersionColumn()
  version: number;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
