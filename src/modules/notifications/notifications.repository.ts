import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { FieldCipher } from '../../common/crypto/field-cipher';
import { Tx } from '../../database/transactions';
import { Notification } from './notification.entity';

export interface NewNotification {
  userId: string;
  kind: 'case_assigned' | 'coordination_request' | 'mission_order_decided';
  subjectType: string;
  subjectId: string | null;
  /** Free text: stored encrypted, bound to the notification's row. */
  message?: string | null;
}

/** Writes notifications inside the transaction of the change that causes them. */
@Injectable()
export class NotificationsRepository {
  constructor(private readonly cipher: FieldCipher) {}

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
    return rows.map((r) => r.id);
  }
}
