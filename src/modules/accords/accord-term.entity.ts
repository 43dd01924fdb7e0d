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
import { CaseParty } from '../case-members/case-party.entity';
import { Accord } from './accord.entity';
import { sqlList, TERM_CATEGORIES, TermCategory } from './accord-vocabulary';

/** One commitment of an accord; the text is encrypted. */
@Entity('accord_term')
@Check('ck_accord_term_category', `"category" IN (${sqlList(TERM_CATEGORIES)})`)
export class AccordTerm {
  @PrimaryColumn('uuid')
  id: string;

  @Index('ix_accord_term_accord_id')
  @Column('uuid')
  accordId: string;

  @ManyToOne(() => Accord, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'accord_id', foreignKeyConstraintName: 'fk_accord_term_accord_id' })
  accord?: Accord;

  /** Encrypted, bound to `accord_term|text|id`. */
  @Column('text')
  text: string;

  @Column('text')
  category: TermCategory;

  @Index('ix_accord_term_obligor_party_id')
  @Column('uuid')
  obligorPartyId: string;

  @ManyToOne(() => CaseParty, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'obligor_party_id',
    foreignKeyConstraintName: 'fk_accord_term_obligor_party_id',
  })
  obligor?: CaseParty;

  @Index('ix_accord_term_beneficiary_party_id')
  @Column('uuid', { nullable: true })
  beneficiaryPartyId: string | null;

  @ManyToOne(() => CaseParty, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'beneficiary_party_id',
    foreignKeyConstraintName: 'fk_accord_term_beneficiary_party_id',
  })
  beneficiary?: CaseParty;

  @Column('boolean', { default: false })
  isConcession: boolean;

  @Column('date', { nullable: true })
  deadline: string | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
