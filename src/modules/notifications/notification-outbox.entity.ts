import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { References, CreatedAt } from '../../database/columns';

/**
 * One row per notification and delivery channel, written in the same
 * transaction as the notification itself (transactional outbox). The in-app
 * channel is the notification row; a dispatcher for another channel (SMS,
 * e-mail) reads the pending rows of its channel and sets `dispatchedAt`.
 */
@Entity('notification_outbox')
@Index('ix_notification_outbox_channel_dispatched_at_created_at', [
  'channel',
  'dispatchedAt',
  'createdAt',
])
@Index('ix_notification_outbox_notification_id', ['notificationId'])
export class NotificationOutbox {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  notificationId: string;

  @References('Notification', 'notification_id', 'CASCADE')
  notification?: unknown;

  /** `in_app` for now; another channel adds its own rows. */
  @Column('text')
  channel: string;

  /** The notification's kind, so a dispatcher can filter without a join. */
  @Column('text')
  kind: string;

  @CreatedAt()
  createdAt: Date;

  @Column('timestamptz', { nullable: true })
  dispatchedAt: Date | null;
}
