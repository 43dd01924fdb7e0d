import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { EncryptedColumn } from '../../common/crypto/encrypted-columns';
import { References, CreatedAt } from '../../database/columns';

/**
 * An in-app notification for one user (assigned to a case, coordination
 * request…). Written in the transaction of the change that causes it; the
 * notifications module (listing, marking read, other channels) reads it.
 */
@Entity('notification')
@Index('ix_notification_user_id_created_at', ['userId', 'createdAt'])
export class Notification {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  userId: string;

  @References('User', 'user_id', 'CASCADE')
  user?: unknown;

  /** `case_assigned`, `coordination_request`… */
  @Column('text')
  kind: string;

  /** What it is about: `case`, `association`, `mission_order`… */
  @Column('text')
  subjectType: string;

  @Column('uuid', { nullable: true })
  subjectId: string | null;

  /** Encrypted (`enc:v1:…`): free text written by a user. */
  @EncryptedColumn({ nullable: true })
  message: string | null;

  @Column('timestamptz', { nullable: true })
  readAt: Date | null;

  @CreatedAt()
  createdAt: Date;
}
