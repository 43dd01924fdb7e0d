import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { References, CreatedAt } from '../../database/columns';

/**
 * A signed-in device. Access tokens name their session and are refused as
 * soon as it is revoked; refresh tokens belong to it (one family per session).
 */
@Entity('session')
export class Session {
  @PrimaryColumn('uuid')
  id: string;

  @Index('ix_session_user_id')
  @Column('uuid')
  userId: string;

  @References('User', 'user_id', 'CASCADE')
  user?: unknown;

  @CreatedAt()
  createdAt: Date;

  @Column('timestamptz')
  lastUsedAt: Date;

  @Column('timestamptz')
  expiresAt: Date;

  @Column('text', { nullable: true })
  userAgent: string | null;

  @Column('timestamptz', { nullable: true })
  revokedAt: Date | null;

  @Column('text', { nullable: true })
  revokedReason: string | null;

  /** Last TOTP step-up on this session (approving a mission order needs one within 10 min). */
  @Column('timestamptz', { nullable: true })
  steppedUpAt: Date | null;
}
