import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ADVISORY_LOCKS } from '../../common/advisory-locks';
import { FieldCipher } from '../../common/crypto/field-cipher';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { IntervalJob, withJobLock } from '../../database/scheduled-jobs';
import { Transactions, Tx } from '../../database/transactions';
import { SmsOutbox } from '../sms-outbox';
import { reminderText, ReminderKind } from './reminder-texts';

/** The transaction-scoped advisory lock one dispatch run holds. */
export const SMS_REMINDER_LOCK_KEY = ADVISORY_LOCKS.smsReminders;
const BATCH = 500;
/** A reminder still waiting after this long (SMS was off, say) is dropped, not sent late. */
const STALE_HOURS = 24;

export interface SmsReminderRunResult {
  /** False when another instance held the lock, or SMS is off. */
  ran: boolean;
  /** Outbox rows of the notifications' `sms` channel handled. */
  dispatched: number;
  /** SMS queued. */
  queued: number;
}

interface PendingRow {
  outbox_id: string;
  accord_id: string;
  kind: ReminderKind;
  sms_code: string;
  due_date: string | null;
  phone_id: string | null;
  number: string | null;
  number_hash: string | null;
  stale: boolean;
}

/**
 * Sends the follow-up reminders by SMS: the notification outbox's `sms`
 * rows (written with each due and overdue reminder) become messages to the
 * verified numbers of their user, unless the user is disabled or turned SMS
 * reminders off. A dedupe key per accord, number and day makes it at most
 * one a day whatever the instances do; an advisory lock keeps two runs
 * from reading the same rows.
 */
@Injectable()
export class SmsReminders implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly job = new IntervalJob('SMS reminder run', () => this.dispatchOnce());

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly transactions: Transactions,
    private readonly cipher: FieldCipher,
    private readonly outbox: SmsOutbox,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.sms) this.job.start(this.config.schedulerIntervalSeconds * 1000);
  }

  onApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }

  /** One run (also called by tests and operators). */
  async dispatchOnce(now: Date = new Date()): Promise<SmsReminderRunResult> {
    const result: SmsReminderRunResult = { ran: false, dispatched: 0, queued: 0 };
    if (!this.config.sms) return result;
    const ran = await withJobLock(this.transactions, SMS_REMINDER_LOCK_KEY, async (tx) => {
      result.ran = true;
      const rows = await this.pending(tx, now);
      const day = now.toISOString().slice(0, 10);
      for (const row of rows) {
        if (row.stale || !row.phone_id || !row.number || !row.number_hash) continue;
        const to = this.cipher.decrypt(row.number, {
          table: 'phone_number',
          column: 'number',
          rowId: row.phone_id,
        });
        const queued = await this.outbox.enqueue(tx, {
          to,
          text: reminderText(row.kind, row.sms_code, row.due_date),
          purpose: 'reminder',
          dedupeKey: `reminder:${row.accord_id}:${row.number_hash}:${day}`,
        });
        if (queued) result.queued += 1;
      }
      const ids = [...new Set(rows.map((r) => r.outbox_id))];
      if (ids.length > 0)
        await tx.query(
          'UPDATE notification_outbox SET dispatched_at = $2 WHERE id = ANY($1::uuid[])',
          [ids, now.toISOString()],
        );
      result.dispatched = ids.length;
      return result;
    });
    return ran ?? result;
  }

  /** The waiting `sms` outbox rows, one line per verified number of their user (or one without). */
  private pending(tx: Tx, now: Date): Promise<PendingRow[]> {
    return tx.query(
      `WITH pending AS (
         SELECT o.id AS outbox_id, o.created_at, n.user_id, n.subject_id AS accord_id, n.kind
           FROM notification_outbox o
           JOIN notification n ON n.id = o.notification_id
          WHERE o.channel = 'sms' AND o.dispatched_at IS NULL
          ORDER BY o.created_at
          LIMIT $1)
       SELECT p.outbox_id, p.accord_id, p.kind, a.sms_code,
              to_char((SELECT max(r.due_date) FROM follow_up_reminder r
                        WHERE r.accord_id = p.accord_id AND r.kind = p.kind), 'YYYY-MM-DD') AS due_date,
              ph.id AS phone_id, ph.number, ph.number_hash,
              p.created_at < $2::timestamptz - make_interval(hours => $3) AS stale
         FROM pending p
         JOIN accord a ON a.id = p.accord_id
         JOIN app_user u ON u.id = p.user_id
         LEFT JOIN phone_number ph
           ON ph.user_id = u.id AND ph.verified_at IS NOT NULL AND NOT u.disabled
          AND NOT EXISTS (SELECT 1 FROM sms_preference s WHERE s.user_id = u.id AND NOT s.reminders)
        ORDER BY p.created_at, p.outbox_id`,
      [BATCH, now.toISOString(), STALE_HOURS],
    );
  }
}
