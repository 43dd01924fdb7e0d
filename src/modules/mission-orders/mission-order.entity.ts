import { Check, Column, Entity, Index, PrimaryColumn, Unique, VersionColumn } from 'typeorm';
import { EncryptedColumn } from '../../common/crypto/encrypted-columns';
import { References, CreatedAt, UpdatedAt } from '../../database/columns';
import { MISSION_ORDER_STATUSES, MissionOrderStatus } from './mission-order-status';

/**
 * An official mandate (ordre de mission) for one or more mediators of an
 * association, addressed to one authority, for areas of its jurisdiction.
 */
@Entity('mission_order')
@Unique('uq_mission_order_association_id_order_number', ['associationId', 'orderNumber'])
// Numbers from the former installation-wide sequence stay unique: their credentials carry no jti.
@Index('uq_mission_order_order_number_numbered_globally', ['orderNumber'], {
  unique: true,
  where: '"numbered_globally"',
})
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

  /**
   * Human-readable, e.g. `OM-2026-000123`: numbered per association and year
   * (mission_order_number_counter), so no association learns how many orders
   * the others have. Unique within its association only.
   */
  @Column('text')
  orderNumber: string;

  /**
   * Numbered by the former installation-wide sequence: credentials signed
   * then carry no credential id and are still found by this number.
   */
  @Column('boolean', { default: false })
  numberedGlobally: boolean;

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
