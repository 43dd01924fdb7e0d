import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
} from 'typeorm';
import { User } from '../users/user.entity';

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

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_notification_user_id' })
  user?: User;

  /** `case_assigned`, `coordination_request`… */
  @Column('text')
  kind: string;

  /** What it is about: `case`, `association`, `mission_order`… */
  @Column('text')
  subjectType: string;

  @Column('uuid', { nullable: true })
  subjectId: string | null;

  /** Encrypted (`enc:v1:…`): free text written by a user. */
  @Column('text', { nullable: true })
  message: string | null;

  @Column('timestamptz', { nullable: true })
  readAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
