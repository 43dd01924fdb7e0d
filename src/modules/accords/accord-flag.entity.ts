import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../users/user.entity';
import { Accord } from './accord.entity';
import { FLAG_SEVERITIES, FlagSeverity, sqlList } from './accord-vocabulary';

/** A flag raised on an accord; resolved by a coordinator with a note; kept in history. */
@Entity('accord_flag')
@Check('ck_accord_flag_severity', `"severity" IN (${sqlList(FLAG_SEVERITIES)})`)
@Index('ix_accord_flag_open_accord_id', ['accordId'], { where: '(resolved_at IS NULL)' })
export class AccordFlag {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  accordId: string;

  @ManyToOne(() => Accord, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'accord_id', foreignKeyConstraintName: 'fk_accord_flag_accord_id' })
  accord?: Accord;

  @Column('text')
  severity: FlagSeverity;

  /** Encrypted, bound to `accord_flag|reason|id`. */
  @Column('text')
  reason: string;

  @Column('uuid')
  raisedBy: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'raised_by', foreignKeyConstraintName: 'fk_accord_flag_raised_by' })
  raiser?: User;

  @Column('timestamptz', { default: () => 'now()' })
  raisedAt: Date;

  @Column('uuid', { nullable: true })
  resolvedBy: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'resolved_by', foreignKeyConstraintName: 'fk_accord_flag_resolved_by' })
  resolver?: User;

  @Column('timestamptz', { nullable: true })
  resolvedAt: Date | null;

  /** Encrypted, bound to `accord_flag|resolution_note|id`. */
  @Column('text', { nullable: true })
  resolutionNote: string | null;
}
