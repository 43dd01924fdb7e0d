import { Check, Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import { EncryptedColumn } from '../../common/crypto/encrypted-columns';
import { References } from '../../database/columns';
import { ASSESSMENT_STATUSES, AssessmentStatus, sqlList } from './accord-vocabulary';

/**
 * The status of one term at one check; primary key (follow_up_id, term_id).
 * `id` binds the encrypted note and lets key rotation address the row.
 */
@Entity('follow_up_assessment')
@Unique('uq_follow_up_assessment_id', ['id'])
@Check('ck_follow_up_assessment_status', `"status" IN (${sqlList(ASSESSMENT_STATUSES)})`)
export class FollowUpAssessment {
  @Column('uuid')
  id: string;

  @PrimaryColumn('uuid')
  followUpId: string;

  @References('FollowUp', 'follow_up_id', 'CASCADE')
  followUp?: unknown;

  @Index('ix_follow_up_assessment_term_id')
  @PrimaryColumn('uuid')
  termId: string;

  @References('AccordTerm', 'term_id', 'CASCADE')
  term?: unknown;

  @Column('text')
  status: AssessmentStatus;

  /** Encrypted, bound to `follow_up_assessment|note|id`. */
  @EncryptedColumn({
    nullable: true,
    casePath: ['follow_up_id', 'follow_up.accord_id', 'accord.case_id'],
  })
  note: string | null;
}
