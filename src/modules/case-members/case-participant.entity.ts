import { Column, Entity, Index, PrimaryColumn, VersionColumn } from 'typeorm';
import { EncryptedColumn } from '../../common/crypto/encrypted-columns';
import { References, CreatedAt, UpdatedAt } from '../../database/columns';

/** A person involved in a dialogue, known by a pseudonym; the real identity is optional and encrypted. */
@Entity('case_participant')
export class CaseParticipant {
  @PrimaryColumn('uuid')
  id: string;

  @Index('ix_case_participant_case_id')
  @Column('uuid')
  caseId: string;

  @References('DialogueCase', 'case_id', 'CASCADE')
  dialogueCase?: unknown;

  @Column('text')
  pseudonym: string;

  @Index('ix_case_participant_party_id')
  @Column('uuid', { nullable: true })
  partyId: string | null;

  @References('CaseParty', 'party_id', 'RESTRICT')
  party?: unknown;

  /** Negotiator, interpreter, elder, informant… */
  @Column('text')
  role: string;

  @Column('boolean', { default: false })
  consentToRecordIdentity: boolean;

  /** Encrypted (`enc:v1:…`); only with consent; readable by the case team only. */
  @EncryptedColumn({ nullable: true, casePath: ['case_id'] })
  realName: string | null;

  /** Encrypted, like realName. */
  @EncryptedColumn({ nullable: true, casePath: ['case_id'] })
  contact: string | null;

  @VersionColumn()
  version: number;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
