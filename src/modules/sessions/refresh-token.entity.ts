import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import { References, CreatedAt } from '../../database/columns';
import { Protected } from '../../common/inventory/data-inventory';

/** Opaque refresh token, stored as a SHA-256 hash; spent on first use. */
@Entity('refresh_token')
@Unique('uq_refresh_token_token_hash', ['tokenHash'])
export class RefreshToken {
  @PrimaryColumn('uuid')
  id: string;

  @Index('ix_refresh_token_session_id')
  @Column('uuid')
  sessionId: string;

  @References('Session', 'session_id', 'CASCADE')
  session?: unknown;

  @Protected('one-way-hash', 'SHA-256 of a random 256-bit token')
  @Column('bytea')
  tokenHash: Buffer;

  @CreatedAt()
  createdAt: Date;

  @Column('timestamptz')
  expiresAt: Date;

  @Column('timestamptz', { nullable: true })
  spentAt: Date | null;
}
