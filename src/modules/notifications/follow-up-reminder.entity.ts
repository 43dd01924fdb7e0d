import { Column, Entity, PrimaryColumn } from 'typeorm';
import { CreatedAt } from '../../database/columns';

export const FOLLOW_UP_REMINDER_KINDS = ['follow_up_due', 'follow_up_overdue'] as const;
export type FollowUpReminderKind = (typeof FOLLOW_UP_REMINDER_KINDS)[number];

/**
 * The follow-up reminders already sent: one row per accord, due date and
 * kind. The reminder job inserts here with ON CONFLICT DO NOTHING and
 * notifies only for the rows it inserted, so several API instances running
 * the job at once notify each accord and due date once.
 */
@Entity('follow_up_reminder')
export class FollowUpReminder {
  @PrimaryColumn('uuid')
  accordId: string;

  /** The due date (UTC calendar day) the reminder is about. */
  @PrimaryColumn('date')
  dueDate: string;

  @PrimaryColumn('text')
  kind: FollowUpReminderKind;

  /** How many users were notified. */
  @Column('integer')
  recipients: number;

  @CreatedAt()
  createdAt: Date;
}
