import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { EncryptedColumn } from '../../common/crypto/encrypted-columns';
import { References, CreatedAt } from '../../database/columns';
import {
  FOLLOW_UP_METHODS,
  FollowUpMethod,
  Indicators,
  OVERALL_JUDGEMENTS,
  OverallJudgement,
  sqlList,
} from './accord-vocabulary';

/** A dated check of an accord (the migration orders the index by checked_at DESC). */
@Entity('follow_up')
@Check('ck_follow_up_method', `"method" IN (${sqlList(FOLLOW_UP_METHODS)})`)
@Check('ck_follow_up_overall', `"overall" IN (${sqlList(OVERALL_JUDGEMENTS)})`)
@Index('ix_follow_up_accord_id_checked_at', ['accordId', 'checkedAt'])
export class FollowUp {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  accordId: string;

  @References('Accord', 'accord_id', 'CASCADE')
  accord?: unknown;

  @Column('timestamptz')
  checkedAt: Date;

  @Column('text')
  method: FollowUpMethod;

  /** The six CEWARN keys, each `yes | no | unknown`. */
  @Column('jsonb', { default: () => "'{}'" })
  indicators: Indicators;

  @Column('text')
  overall: OverallJudgement;

  @Column('timestamptz')
  nextCheckDue: Date;

  /** PAM roll-up of this check, 0–100; null when no term was assessed. */
  @Column('numeric', { precision: 5, scale: 2, nullable: true })
  implementationScore: string | null;

  /** A note on the whole check (an SMS's text after `#`); encrypted under the case's data key. */
  @EncryptedColumn({ nullable: true, casePath: ['accord_id', 'accord.case_id'] })
  note: string | null;

  @Column('uuid')
  createdBy: string;

  @References('User', 'created_by', 'RESTRICT')
  creator?: unknown;

  @CreatedAt()
  createdAt: Date;
}
