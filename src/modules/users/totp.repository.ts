import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Tx } from '../../database/transactions';

export interface TotpState {
  /** Encrypted (`enc:v1:…`); null before the first setup. */
  secret: string | null;
  enabled: boolean;
}

/** The TOTP columns of `app_user`; every check-and-change is one conditional UPDATE. */
@Injectable()
export class TotpRepository {
  constructor(private readonly dataSource: DataSource) {}

  private manager(tx?: Tx): EntityManager {
    return tx ?? this.dataSource.manager;
  }

  /** The user's TOTP state; with `tx`, the row stays locked until it ends. */
  async read(userId: string, tx?: Tx): Promise<TotpState | null> {
    const rows: { totp_secret: string | null; totp_enabled: boolean }[] = await this.manager(
      tx,
    ).query(
      `SELECT totp_secret, totp_enabled FROM app_user WHERE id = $1${tx ? ' FOR UPDATE' : ''}`,
      [userId],
    );
    const row = rows[0];
    return row ? { secret: row.totp_secret, enabled: row.totp_enabled } : null;
  }

  /** Stores a new pending secret; false when TOTP is already enabled. */
  async storePendingSecret(tx: Tx, userId: string, encryptedSecret: string): Promise<boolean> {
    const result: [unknown, number] = await tx.query(
      `UPDATE app_user SET totp_secret = $2 WHERE id = $1 AND NOT totp_enabled`,
      [userId, encryptedSecret],
    );
    return result[1] === 1;
  }

  /**
   * Enables TOTP with the step of the confirming code as the last one used
   * (that code cannot sign in afterwards); false when already enabled or
   * the step is not later than the last accepted one.
   */
  async enable(tx: Tx, userId: string, step: number): Promise<boolean> {
    const result: [unknown, number] = await tx.query(
      `UPDATE app_user
          SET totp_enabled = true, totp_last_step = $2,
              version = version + 1, updated_at = now()
        WHERE id = $1 AND NOT totp_enabled AND totp_secret IS NOT NULL
          AND (totp_last_step IS NULL OR totp_last_step < $2)`,
      [userId, step],
    );
    return result[1] === 1;
  }

  /**
   * Spends the code of time step `step`: succeeds for exactly one caller,
   * and only if no code of this step or a later one was accepted before.
   */
  async acceptStep(userId: string, step: number): Promise<boolean> {
    const result: [unknown, number] = await this.dataSource.query(
      `UPDATE app_user SET totp_last_step = $2
        WHERE id = $1 AND totp_enabled
          AND (totp_last_step IS NULL OR totp_last_step < $2)`,
      [userId, step],
    );
    return result[1] === 1;
  }

  /**
   * Turns the second factor off: the secret (confirmed or pending) is dropped.
   * The last accepted time step stays, so no code already spent can count
   * again. False when the user had no secret at all.
   */
  async clear(tx: Tx, userId: string): Promise<boolean> {
    const result: [unknown, number] = await tx.query(
      `UPDATE app_user
          SET totp_secret = NULL, totp_enabled = false,
              version = version + 1, updated_at = now()
        WHERE id = $1 AND (totp_enabled OR totp_secret IS NOT NULL)`,
      [userId],
    );
    return result[1] === 1;
  }
}
