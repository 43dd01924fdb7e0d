import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import { References, CreatedAt } from '../../database/columns';
import { Protected, Retention } from '../../common/inventory/data-inventory';

/**
 * A device that has signed in to this account before (a device cookie, as
 * OWASP describes it). Its token is opaque and stored as a SHA-256 hash; it
 * proves nothing alone, but spares the device the limits that strangers'
 * failures put on the account and on a shared address. Deleted when it
 * expires or when the account is disabled, panicked or reset.
 */
@Entity('trusted_device')
@Retention(
  'TOGUNA_DEVICE_TOKEN_DAYS after last use, and at panic, reset or when the account is disabled.',
)
@Unique('uq_trusted_device_token_hash', ['tokenHash'])
export class TrustedDevice {
  @PrimaryColumn('uuid')
  id: string;

  @Index('ix_trusted_device_user_id')
  @Column('uuid')
  userId: string;

  @References('User', 'user_id', 'CASCADE')
  user?: unknown;

  @Protected('one-way-hash', 'SHA-256 of a random 256-bit token')
  @Column('bytea')
  tokenHash: Buffer;

  @CreatedAt()
  createdAt: Date;

  @Column('timestamptz')
  lastUsedAt: Date;

  /** Slides forward at each successful sign-in (TOGUNA_DEVICE_TOKEN_DAYS). */
  @Column('timestamptz')
  expiresAt: Date;
}
