import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import { EncryptedColumn } from '../../common/crypto/encrypted-columns';
import { CreatedAt, References } from '../../database/columns';

/**
 * A phone number of a user. The number is encrypted and found by its keyed
 * hash; once verified it belongs to that account alone (partial unique index)
 * and may report by SMS. A pending verification code is kept as a keyed hash.
 */
@Entity('phone_number')
@Unique('uq_phone_number_user_id_number_hash', ['userId', 'numberHash'])
@Index('uq_phone_number_verified_number_hash', ['numberHash'], {
  unique: true,
  where: '"verified_at" IS NOT NULL',
})
export class PhoneNumber {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  userId: string;

  @References('User', 'user_id', 'CASCADE')
  user?: unknown;

  /** E.164, encrypted, bound to `phone_number|number|id`. */
  @EncryptedColumn()
  number: string;

  /** LookupHasher digest of the E.164 number (purpose `phone-number`). */
  @Column('text')
  numberHash: string;

  @Column('timestamptz', { nullable: true })
  verifiedAt: Date | null;

  /** LookupHasher digest of the pending code, bound to this row; null once used or given up. */
  @Column('text', { nullable: true })
  codeHash: string | null;

  @Column('timestamptz', { nullable: true })
  codeExpiresAt: Date | null;

  /** Wrong codes tried against the pending code. */
  @Column('integer', { default: 0 })
  codeAttempts: number;

  /** The user, or the admin who registered the number for them. */
  @Column('uuid')
  addedBy: string;

  @References('User', 'added_by', 'RESTRICT')
  adder?: unknown;

  @CreatedAt()
  createdAt: Date;
}
