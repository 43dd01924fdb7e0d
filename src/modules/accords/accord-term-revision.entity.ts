import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Meeting } from '../meetings/meeting.entity';
import { User } from '../users/user.entity';
import { AccordTerm } from './accord-term.entity';
import { TermCategory } from './accord-vocabulary';

/** What a term said before an amendment: who changed it, when, at which meeting. */
@Entity('accord_term_revision')
@Index('ix_accord_term_revision_term_id_changed_at', ['termId', 'changedAt'])
export class AccordTermRevision {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  termId: string;

  @ManyToOne(() => AccordTerm, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'term_id', foreignKeyConstraintName: 'fk_accord_term_revision_term_id' })
  term?: AccordTerm;

  /** Encrypted, bound to `accord_term_revision|previous_text|id`. */
  @Column('text')
  previousText: string;

  @Column('text')
  previousCategory: TermCategory;

  @Column('uuid', { nullable: true })
  meetingId: string | null;

  @ManyToOne(() => Meeting, { onDelete: 'SET NULL' })
  @JoinColumn({
    name: 'meeting_id',
    foreignKeyConstraintName: 'fk_accord_term_revision_meeting_id',
  })
  meeting?: Meeting;

  @Column('uuid')
  changedBy: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'changed_by',
    foreignKeyConstraintName: 'fk_accord_term_revision_changed_by',
  })
  changer?: User;

  @Column('timestamptz', { default: () => 'now()' })
  changedAt: Date;
}
