import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Tx } from '../../database/transactions';

/** Each user's choice about SMS reminders (no row: reminders on). */
@Injectable()
export class SmsPreferencesRepository {
  constructor(private readonly dataSource: DataSource) {}

  async remindersOn(userId: string): Promise<boolean> {
    const rows: { reminders: boolean }[] = await this.dataSource.query(
      'SELECT reminders FROM sms_preference WHERE user_id = $1',
      [userId],
    );
    return rows[0]?.reminders ?? true;
  }

  async setReminders(tx: Tx, userId: string, enabled: boolean): Promise<void> {
    await tx.query(
      `INSERT INTO sms_preference (user_id, reminders) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET reminders = EXCLUDED.reminders, updated_at = now()`,
      [userId, enabled],
    );
  }
}
