import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ADVISORY_LOCKS } from '../../common/advisory-locks';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { IntervalJob, withJobLock } from '../../database/scheduled-jobs';
import { Transactions, Tx } from '../../database/transactions';
import { FollowUpReminderKind } from './follow-up-reminder.entity';
import { NewNotification, NotificationsRepository } from './notifications.repository';

/** Reminders are sent this long before a follow-up check falls due. */
export const DUE_SOON_DAYS = 3;
/** The key of the transaction-scoped advisory lock one run of the job holds. */
export const REMINDER_LOCK_KEY = ADVISORY_LOCKS.followUpReminders;
const NOTIFICATION_BATCH = 1000;

export interface ReminderRunResult {
  /** False when another instance held the lock: this run did nothing. */
  ran: boolean;
  reminders: number;
  notifications: number;
}

interface InsertedReminder {
  accord_id: string;
  kind: FollowUpReminderKind;
  recipients: string[];
}

/**
 * The follow-up reminder job: for each accord whose next check is due within
 * three days (`follow_up_due`) or past (`follow_up_overdue`), notifies the
 * case team and the association's coordinators once per accord, due date and
 * kind. Safe with several API instances: a run takes a transaction-scoped
 * advisory lock (another instance running at the same moment skips its run),
 * and `follow_up_reminder`'s primary key with ON CONFLICT DO NOTHING makes a
 * reminder, and so its notifications, exist once whatever happens.
 */
@Injectable()
export class FollowUpRemindersService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly job = new IntervalJob('follow-up reminder run', () => this.runOnce());

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly transactions: Transactions,
    private readonly notifications: NotificationsRepository,
  ) {}

  onApplicationBootstrap(): void {
    this.job.start(this.config.schedulerIntervalSeconds * 1000);
  }

  onApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }

  /** One run of the job (also called directly by tests and operators). */
  async runOnce(now: Date = new Date()): Promise<ReminderRunResult> {
    const result = await withJobLock(this.transactions, REMINDER_LOCK_KEY, async (tx) => {
      const inserted = await this.insertReminders(tx, now);
      const notifications: NewNotification[] = inserted.flatMap((r) =>
        r.recipients.map((userId) => ({
          userId,
          kind: r.kind,
          subjectType: 'accord',
          subjectId: r.accord_id,
        })),
      );
      for (let i = 0; i < notifications.length; i += NOTIFICATION_BATCH) {
        await this.notifications.insertMany(tx, notifications.slice(i, i + NOTIFICATION_BATCH));
      }
      return { ran: true, reminders: inserted.length, notifications: notifications.length };
    });
    return result ?? { ran: false, reminders: 0, notifications: 0 };
  }

  /**
   * Records the reminders not sent yet and returns them with their
   * recipients. The due date is the latest check's `next_check_due`, or
   * `concluded_at + follow_up_interval_days` before the first check (as
   * `nextCheckDueOf` in accord-health.ts), as a UTC day: overdue from the day
   * after (as `daysOverdue`), due soon from three days before. Closed and
   * collapsed cases are not followed up.
   */
  private insertReminders(tx: Tx, now: Date): Promise<InsertedReminder[]> {
    return tx.query(
      `WITH due AS (
         SELECT a.id AS accord_id, c.id AS case_id, c.association_id,
                coalesce(lc.next_check_due,
                         a.concluded_at + make_interval(secs => a.follow_up_interval_days * 86400)) AS due_at
           FROM accord a
           JOIN dialogue_case c ON c.id = a.case_id
           LEFT JOIN LATERAL (
             SELECT f.next_check_due FROM follow_up f
              WHERE f.accord_id = a.id
              ORDER BY f.checked_at DESC, f.id DESC
              LIMIT 1) lc ON true
          WHERE c.status NOT IN ('closed', 'collapsed')
       ), candidate AS (
         SELECT d.accord_id, d.case_id, d.association_id,
                (d.due_at AT TIME ZONE 'UTC')::date AS due_date,
                CASE WHEN (d.due_at AT TIME ZONE 'UTC')::date < ($1::timestamptz AT TIME ZONE 'UTC')::date
                     THEN 'follow_up_overdue' ELSE 'follow_up_due' END AS kind,
                ARRAY(
                  SELECT u.id FROM app_user u
                   WHERE NOT u.disabled AND NOT u.pending
                     AND (EXISTS (SELECT 1 FROM case_team_member m
                                   WHERE m.case_id = d.case_id AND m.user_id = u.id)
                          OR (u.role = 'coordinator' AND u.association_id = d.association_id))
                   ORDER BY u.id) AS recipients
           FROM due d
          WHERE (d.due_at AT TIME ZONE 'UTC')::date <= ($1::timestamptz AT TIME ZONE 'UTC')::date + $2::int
       ), inserted AS (
         INSERT INTO follow_up_reminder (accord_id, due_date, kind, recipients)
         SELECT accord_id, due_date, kind, cardinality(recipients) FROM candidate
         ON CONFLICT DO NOTHING
         RETURNING accord_id, due_date, kind
       )
       SELECT i.accord_id, i.kind, c.recipients
         FROM inserted i
         JOIN candidate c ON c.accord_id = i.accord_id AND c.due_date = i.due_date AND c.kind = i.kind`,
      [now.toISOString(), DUE_SOON_DAYS],
    );
  }
}
