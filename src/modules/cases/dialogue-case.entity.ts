import { Check, Column, Entity, Index, PrimaryColumn, VersionColumn } from 'typeorm';
import { EncryptedColumn } from '../../common/crypto/encrypted-columns';
import { References, CreatedAt, UpdatedAt } from '../../database/columns';
import { CASE_STATUSES, CASE_TYPES, CaseStatus, CaseType } from './case-status';

/** A dialogue process in one commune, owned by one association. */
@Entity('dialogue_case')
@Check('ck_dialogue_case_type', `"type" IN (${CASE_TYPES.map((t) => `'${t}'`).join(', ')})`)
@Check('ck_dialogue_case_status', `"status" IN (${CASE_STATUSES.map((s) => `'${s}'`).join(', ')})`)
@Index('ix_dialogue_case_association_id_created_at', ['associationId', 'createdAt', 'id'])
@Index('ix_dialogue_case_area_id_status', ['areaId', 'status'])
export class DialogueCase {
  @PrimaryColumn('uuid')
  id: string;

  /** A neutral label, never a village name. */
  @Column('text')
  codeName: string;

  /** The commune. */
  @Column('uuid')
  areaId: string;

  @References('Area', 'area_id', 'RESTRICT')
  area?: unknown;

  @Column('text')
  type: CaseType;

  @Column('text')
  status: CaseStatus;

  /** Where a suspended case returns to. */
  @Column('text', { nullable: true })
  statusBeforeSuspension: CaseStatus | null;

  @Column('text', { nullable: true })
  summary: string | null;

  /** ISO 639-3 codes. */
  @Column('text', { array: true, default: () => "'{}'" })
  languages: string[];

  /** Encrypted: village, exact place. */
  @EncryptedColumn({ nullable: true, casePath: ['id'] })
  locationDetail: string | null;

  /** Encrypted. */
  @EncryptedColumn({ nullable: true, casePath: ['id'] })
  confidentialNotes: string | null;

  /** When an admin erased the case (its data key destroyed); null while it is readable. */
  @Column('timestamptz', { nullable: true })
  erasedAt: Date | null;

  @Column('uuid')
  associationId: string;

  @References('Association', 'association_id', 'RESTRICT')
  association?: unknown;

  @Index('ix_dialogue_case_created_by')
  @Column('uuid')
  createdBy: string;

  @References('User', 'created_by', 'RESTRICT')
  creator?: unknown;

  @VersionColumn()
  version: number;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
