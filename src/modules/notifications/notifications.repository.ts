import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { FieldCipher } from '../../common/crypto/field-cipher';
import { Tx } from '../../database/transactions';
import { NotificationOutbox } from './notification-outbox.entity';
import { Notification } from './notification.entity';

export type NotificationKind =
  | 'case_assigned'
  | 'coordination_request'
  | 'mission_order_decided'
  | 'follow_up_due'
  | 'follow_up_overdue'
  | 'flag_raised'
  | 'totp_reset'
  | 'member_added'
  | 'account_confirmed';

export interface NewNotification {
  userId: string;
  kind: NotificationKind;
  subjectType: string;
  subjectId: string | null;
  /** Free text: stored encrypted, bound to the notification's row. */
  message?: string | null;
}

/** The channel every notification is queued for in the outbox. */
export const IN_APP_CHANNEL = 'in_app';
/** The channel of the notifications that also go by SMS (to the verified numbers of their user). */
export const SMS_CHANNEL = 'sms';
/** The kinds that go by SMS too: a reminder reaches a basic phone where the app does not. */
export const SMS_KINDS: ReadonlySet<string> = new Set(['follow_up_due', 'follow_up_overdue']);

/** The outbox channels a notification of `kind` is queued for. */
export const outboxChannelsOf = (kind: string): string[] =>
  SMS_KINDS.has(kind) ? [IN_APP_CHANNEL, SMS_CHANNEL] : [IN_APP_CHANNEL];

/** A notification as read, message still encrypted. */
export interface NotificationRow {
  id: string;
  userId: string;
  kind: string;
  subjectType: string;
  subjectId: string | null;
  message: string | null;
  readAt: Date | null;
  createdAt: Date;
  /** created_at with microseconds, for keyset cursors. */
  createdAtKey: string;
}

const SELECT = `SELECT n.id, n.user_id AS "userId", n.kind, n.subject_type AS "subjectType",
       n.subject_id AS "subjectId", n.message, n.read_at AS "readAt", n.created_at AS "createdAt",
       to_char(n.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "createdAtKey"
  FROM notification n`;

/**
 * Writes notifications inside the transaction of the change that causes them,
 * each with its outbox rows (same transaction), and reads a user's own.
 */
@Injectable()
export class NotificationsRepository {
  constructor(
    private readonly cipher: FieldCipher,
    private readonly dataSource: DataSource,
  ) {}

  /**
   * Those an event on a case concerns: its team and the enabled, confirmed
   * coordinators of its association.
   */
  async caseStakeholders(tx: Tx, caseId: string): Promise<string[]> {
    const rows: { id: string }[] = await tx.query(
      `SELECT m.user_id AS id FROM case_team_member m WHERE m.case_id = $1
       UNION
       SELECT u.id FROM app_user u JOIN dialogue_case c ON c.association_id = u.association_id
        WHERE c.id = $1 AND u.role = 'coordinator' AND NOT u.disabled AND NOT u.pending
       ORDER BY id`,
      [caseId],
    );
    return rows.map((r) => r.id);
  }

  /** The enabled, confirmed coordinators of an association, but `except`. */
  async coordinatorsOf(tx: Tx, associationId: string, except: string): Promise<string[]> {
    const rows: { id: string }[] = await tx.query(
      `SELECT id FROM app_user
        WHERE association_id = $1 AND role = 'coordinator' AND NOT disabled AND NOT pending
          AND id <> $2
        ORDER BY id`,
      [associationId, except],
    );
    return rows.map((r) => r.id);
  }

  async insertMany(tx: Tx, notifications: NewNotification[]): Promise<string[]> {
    if (notifications.length === 0) return [];
    const rows = notifications.map((n) => {
      const id = randomUUID();
      return {
        id,
        userId: n.userId,
        kind: n.kind,
        subjectType: n.subjectType,
        subjectId: n.subjectId,
        message: this.cipher.encryptNullable(n.message, {
          table: 'notification',
          column: 'message',
          rowId: id,
        }),
      };
    });
    await tx.insert(Notification, rows);
    await tx.insert(
      NotificationOutbox,
      rows.flatMap((r) =>
        outboxChannelsOf(r.kind).map((channel) => ({
          id: randomUUID(),
          notificationId: r.id,
          channel,
          kind: r.kind,
        })),
      ),
    );
    return rows.map((r) => r.id);
  }

  /** The user's notifications, newest first, after the cursor (created_at, id). */
  async listForUser(
    userId: string,
    opts: { unreadOnly: boolean; after: [string, string] | null; limit: number },
  ): Promise<NotificationRow[]> {
    const params: unknown[] = [userId];
    const where = ['n.user_id = $1'];
    if (opts.unreadOnly) where.push('n.read_at IS NULL');
    if (opts.after) {
      params.push(opts.after[0], opts.after[1]);
      where.push(
        `(n.created_at, n.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`,
      );
    }
    params.push(opts.limit + 1);
    return this.dataSource.query(
      `${SELECT} WHERE ${where.join(' AND ')} ORDER BY n.created_at DESC, n.id DESC LIMIT $${params.length}`,
      params,
    );
  }

  /** Marks the user's own notification read (idempotent); null when it is not theirs or absent. */
  async markRead(tx: Tx, userId: string, id: string): Promise<NotificationRow | null> {
    const rows: NotificationRow[] = await tx.query(
      `WITH upd AS (
         UPDATE notification SET read_at = coalesce(read_at, now())
          WHERE id = $1 AND user_id = $2
          RETURNING *)
       ${SELECT.replace('FROM notification n', 'FROM upd n')}`,
      [id, userId],
    );
    return rows[0] ?? null;
  }

  /** Drops the free text of the notifications about these subjects (erasure); the rows stay. */
  async clearMessagesAbout(
    tx: Tx,
    subjectType: string,
    subjectIds: string | string[],
  ): Promise<void> {
    await tx.query(
      `UPDATE notification SET message = NULL
        WHERE subject_type = $1 AND subject_id = ANY($2::uuid[]) AND message IS NOT NULL`,
      [subjectType, Array.isArray(subjectIds) ? subjectIds : [subjectIds]],
    );
  }

  decryptMessage(row: NotificationRow): string | null {
    return row.message === null
      ? null
      : this.cipher.decrypt(row.message, {
          table: 'notification',
          column: 'message',
          rowId: row.id,
        });
  }
}
