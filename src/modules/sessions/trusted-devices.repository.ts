import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Tx } from '../../database/transactions';
import {
  FIND_TRUSTED_DEVICE_SQL,
  INSERT_TRUSTED_DEVICE_SQL,
  PRUNE_TRUSTED_DEVICES_SQL,
} from './trusted-devices.sql';

/** Devices kept per account; the least recently used beyond this are forgotten. */
export const MAX_TRUSTED_DEVICES = 20;

export interface TrustedDeviceRef {
  id: string;
  userId: string;
}

/** Device tokens (TrustedDevice): found by hash, slid forward, forgotten. */
@Injectable()
export class TrustedDevicesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The live device of token hash $1 when it belongs to the enabled account named $2. */
  async findValid(tokenHash: Buffer, username: string): Promise<TrustedDeviceRef | null> {
    const rows: { id: string; user_id: string }[] = await this.dataSource.query(
      FIND_TRUSTED_DEVICE_SQL,
      [tokenHash, username],
    );
    return rows[0] ? { id: rows[0].id, userId: rows[0].user_id } : null;
  }

  /**
   * Records a new device of the user, then forgets the user's expired ones
   * and those beyond the MAX_TRUSTED_DEVICES most recently used.
   */
  async insert(
    tx: Tx,
    device: { id: string; userId: string; tokenHash: Buffer; expiresAt: Date },
  ): Promise<void> {
    await tx.query(INSERT_TRUSTED_DEVICE_SQL, [
      device.id,
      device.userId,
      device.tokenHash,
      device.expiresAt,
    ]);
    await tx.query(PRUNE_TRUSTED_DEVICES_SQL, [device.userId, MAX_TRUSTED_DEVICES]);
  }

  /** A successful sign-in from the device: it stays trusted until `expiresAt`. */
  async touch(tx: Tx, id: string, expiresAt: Date): Promise<void> {
    await tx.query(
      'UPDATE trusted_device SET last_used_at = now(), expires_at = $2 WHERE id = $1',
      [id, expiresAt],
    );
  }

  /** Forgets every device of the user (panic, disabling, an admin's reset); returns how many. */
  async deleteAllOfUser(tx: Tx, userId: string): Promise<number> {
    const result: [unknown, number] = await tx.query(
      'DELETE FROM trusted_device WHERE user_id = $1',
      [userId],
    );
    return result[1];
  }
}
