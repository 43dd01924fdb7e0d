import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { Area } from '../areas/area.entity';
import { Association } from '../organisations/association.entity';
import { User } from '../users/user.entity';
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

  @ManyToOne(() => Area, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'area_id', foreignKeyConstraintName: 'fk_dialogue_case_area_id' })
  area?: Area;

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
  @Column('text', { nullable: true })
  locationDetail: string | null;

  /** Encrypted. */
  @Column('text', { nullable: true })
  confidentialNotes: string | null;

  @Column('uuid')
  associationId: string;

  @ManyToOne(() => Association, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'association_id',
    foreignKeyConstraintName: 'fk_dialogue_case_association_id',
  })
  association?: Association;

  @Index('ix_dialogue_case_created_by')
  @Column('uuid')
  createdBy: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'fk_dialogue_case_created_by' })
  creator?: User;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
