import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { EncryptedColumn } from '../../common/crypto/encrypted-columns';
import { References } from '../../database/columns';
import { TermCategory } from './accord-vocabulary';

/** What a term said before an amendment: who changed it, when, at which meeting. */
@Entity('accord_term_revision')
@Index('ix_accord_term_revision_term_id_changed_at', ['termId', 'changedAt'])
export class AccordTermRevision {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  termId: string;

  @References('AccordTerm', 'term_id', 'CASCADE')
  term?: unknown;

  /** Encrypted, bound to `accord_term_revision|previous_text|id`. */
  @EncryptedColumn({ casePath: ['term_id', 'accord_term.accord_id', 'accord.case_id'] })
  previousText: string;

  @Column('text')
  previousCategory: TermCategory;

  @Column('uuid', { nullable: true })
  meetingId: string | null;

  @References('Meeting', 'meeting_id', 'SET NULL')
  meeting?: unknown;

  @Column('uuid')
  changedBy: string;

  @References('User', 'changed_by', 'RESTRICT')
  changer?: unknown;

  @Column('timestamptz', { default: () => 'now()' })
  changedAt: Date;
}
