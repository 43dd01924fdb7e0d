import { Check, Column, Entity, Index, PrimaryColumn, Unique, VersionColumn } from 'typeorm';
import { EncryptedColumn } from '../../common/crypto/encrypted-columns';
import { References, CreatedAt, UpdatedAt } from '../../database/columns';
import { sqlList, TERM_CATEGORIES, TermCategory } from './accord-vocabulary';

/** One commitment of an accord; the text is encrypted. */
@Entity('accord_term')
@Unique('uq_accord_term_accord_id_number', ['accordId', 'number'])
@Check('ck_accord_term_category', `"category" IN (${sqlList(TERM_CATEGORIES)})`)
export class AccordTerm {
  @PrimaryColumn('uuid')
  id: string;

  @Index('ix_accord_term_accord_id')
  @Column('uuid')
  accordId: string;

  @References('Accord', 'accord_id', 'CASCADE')
  accord?: unknown;

  /** 1, 2, 3… in the order the accord's terms were recorded: how an SMS names the term. */
  @Column('integer')
  number: number;

  /** Encrypted, bound to `accord_term|text|id`. */
  @EncryptedColumn({ casePath: ['accord_id', 'accord.case_id'] })
  text: string;

  @Column('text')
  category: TermCategory;

  @Index('ix_accord_term_obligor_party_id')
  @Column('uuid')
  obligorPartyId: string;

  @References('CaseParty', 'obligor_party_id', 'RESTRICT')
  obligor?: unknown;

  @Index('ix_accord_term_beneficiary_party_id')
  @Column('uuid', { nullable: true })
  beneficiaryPartyId: string | null;

  @References('CaseParty', 'beneficiary_party_id', 'RESTRICT')
  beneficiary?: unknown;

  @Column('boolean', { default: false })
  isConcession: boolean;

  @Column('date', { nullable: true })
  deadline: string | null;

  @VersionColumn()
  version: number;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
