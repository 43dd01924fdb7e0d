import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  Unique,
} from 'typeorm';
import { AccordTerm } from './accord-term.entity';
import { ASSESSMENT_STATUSES, AssessmentStatus, sqlList } from './accord-vocabulary';
import { FollowUp } from './follow-up.entity';

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

  @ManyToOne(() => FollowUp, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'follow_up_id',
    foreignKeyConstraintName: 'fk_follow_up_assessment_follow_up_id',
  })
  followUp?: FollowUp;

  @Index('ix_follow_up_assessment_term_id')
  @PrimaryColumn('uuid')
  termId: string;

  @ManyToOne(() => AccordTerm, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'term_id', foreignKeyConstraintName: 'fk_follow_up_assessment_term_id' })
  term?: AccordTerm;

  @Column('text')
  status: AssessmentStatus;

  /** Encrypted, bound to `follow_up_assessment|note|id`. */
  @Column('text', { nullable: true })
  note: string | null;
}
