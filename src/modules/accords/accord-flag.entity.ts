import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { EncryptedColumn } from '../../common/crypto/encrypted-columns';
import { References } from '../../database/columns';
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

  @References('Accord', 'accord_id', 'CASCADE')
  accord?: unknown;

  @Column('text')
  severity: FlagSeverity;

  /** Encrypted, bound to `accord_flag|reason|id`. */
  @EncryptedColumn({ casePath: ['accord_id', 'accord.case_id'] })
  reason: string;

  @Column('uuid')
  raisedBy: string;

  @References('User', 'raised_by', 'RESTRICT')
  raiser?: unknown;

  @Column('timestamptz', { default: () => 'now()' })
  raisedAt: Date;

  @Column('uuid', { nullable: true })
  resolvedBy: string | null;

  @References('User', 'resolved_by', 'RESTRICT')
  resolver?: unknown;

  @Column('timestamptz', { nullable: true })
  resolvedAt: Date | null;

  /** Encrypted, bound to `accord_flag|resolution_note|id`. */
  @EncryptedColumn({ nullable: true, casePath: ['accord_id', 'accord.case_id'] })
  resolutionNote: string | null;
}
