import { Injectable } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';
import { FieldCipher } from '../../common/crypto/field-cipher';
import { LookupHasher } from '../../common/crypto/lookup-hasher';
import { Tx } from '../../database/transactions';
import { PhoneNumber } from './phone-number.entity';

/** A phone number as read (number decrypted: only ever shown masked). */
export interface PhoneRow {
  id: string;
  userId: string;
  number: string;
  verifiedAt: Date | null;
  createdAt: Date;
}

/** A pending verification, locked for the attempt. */
export interface PendingCode {
  id: string;
  userId: string;
  codeHash: string | null;
  codeExpiresAt: Date | null;
  codeAttempts: number;
  verifiedAt: Date | null;
}

/** The account behind a verified number, as an SMS sender. */
export interface SenderRow {
  phoneId: string;
  userId: string;
  username: string;
  role: string;
  associationId: string | null;
  authorityId: string | null;
  mustChangePassword: boolean;
  totpEnabled: boolean;
  pending: boolean;
}

const SELECT_PHONE = `SELECT id, user_id AS "userId", number, verified_at AS "verifiedAt",
                             created_at AS "createdAt" FROM phone_number`;

/** Phone numbers: encrypted at rest, found by keyed hash; codes kept as keyed hashes. */
@Injectable()
export class PhonesRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
    private readonly hasher: LookupHasher,
  ) {}

  numberHash(e164: string): string {
    return this.hasher.digest('phone-number', e164);
  }

  codeHash(phoneId: string, code: string): string {
    return this.hasher.digest('phone-code', `${phoneId}:${code}`);
  }

  /** Whether `code` is the pending code of the row (constant time). */
  codeMatches(row: PendingCode, code: string): boolean {
    if (!row.codeHash) return false;
    const given = Buffer.from(this.codeHash(row.id, code));
    const stored = Buffer.from(row.codeHash);
    return given.length === stored.length && timingSafeEqual(given, stored);
  }

  private opened(row: PhoneRow): PhoneRow {
    return {
      ...row,
      number: this.cipher.decrypt(row.number, {
        table: 'phone_number',
        column: 'number',
        rowId: row.id,
      }),
    };
  }

  async listOf(userId: string): Promise<PhoneRow[]> {
    const rows: PhoneRow[] = await this.dataSource.query(
      `${SELECT_PHONE} WHERE user_id = $1 ORDER BY created_at, id`,
      [userId],
    );
    return rows.map((r) => this.opened(r));
  }

  async find(id: string, tx?: Tx): Promise<PhoneRow | null> {
    const rows: PhoneRow[] = await (tx ?? this.dataSource.manager).query(
      `${SELECT_PHONE} WHERE id = $1`,
      [id],
    );
    return rows[0] ? this.opened(rows[0]) : null;
  }

  async countOf(tx: Tx, userId: string): Promise<number> {
    const rows: { n: number }[] = await tx.query(
      'SELECT count(*)::int AS n FROM phone_number WHERE user_id = $1',
      [userId],
    );
    return rows[0].n;
  }

  /** The user's row for this number, locked, or null. */
  async lockOfUser(tx: Tx, userId: string, numberHash: string): Promise<PendingCode | null> {
    const rows: PendingCode[] = await tx.query(
      `SELECT id, user_id AS "userId", code_hash AS "codeHash", code_expires_at AS "codeExpiresAt",
              code_attempts AS "codeAttempts", verified_at AS "verifiedAt"
         FROM phone_number WHERE user_id = $1 AND number_hash = $2 FOR UPDATE`,
      [userId, numberHash],
    );
    return rows[0] ?? null;
  }

  /** The row, locked, or null. */
  async lock(tx: Tx, id: string): Promise<PendingCode | null> {
    const rows: PendingCode[] = await tx.query(
      `SELECT id, user_id AS "userId", code_hash AS "codeHash", code_expires_at AS "codeExpiresAt",
              code_attempts AS "codeAttempts", verified_at AS "verifiedAt"
         FROM phone_number WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** The unverified rows of a number with a code still pending (locked when in `tx`). */
  async pendingOfNumber(numberHash: string, tx?: Tx): Promise<PendingCode[]> {
    return (tx ?? this.dataSource.manager).query(
      `SELECT id, user_id AS "userId", code_hash AS "codeHash", code_expires_at AS "codeExpiresAt",
              code_attempts AS "codeAttempts", verified_at AS "verifiedAt"
         FROM phone_number
        WHERE number_hash = $1 AND verified_at IS NULL AND code_hash IS NOT NULL
          AND code_expires_at > now()
        ORDER BY id${tx ? ' FOR UPDATE' : ''}`,
      [numberHash],
    );
  }

  async insert(
    tx: Tx,
    row: { id: string; userId: string; number: string; numberHash: string; addedBy: string },
  ): Promise<void> {
    await tx.insert(PhoneNumber, {
      ...row,
      number: this.cipher.encrypt(row.number, {
        table: 'phone_number',
        column: 'number',
        rowId: row.id,
      }),
    });
  }

  /** A new pending code (the previous one and its wrong attempts are forgotten). */
  async setCode(tx: Tx, id: string, code: string, expiresAt: Date): Promise<void> {
    await tx.query(
      `UPDATE phone_number SET code_hash = $2, code_expires_at = $3, code_attempts = 0
        WHERE id = $1`,
      [id, this.codeHash(id, code), expiresAt],
    );
  }

  /** One more wrong code; the code is given up at `max`. Returns the attempts so far. */
  async wrongCode(tx: Tx, id: string, max: number): Promise<number> {
    const rows: { attempts: number }[] = await tx.query(
      `WITH changed AS (
         UPDATE phone_number SET code_attempts = code_attempts + 1,
                code_hash = CASE WHEN code_attempts + 1 >= $2 THEN NULL ELSE code_hash END
          WHERE id = $1 RETURNING code_attempts)
       SELECT code_attempts AS attempts FROM changed`,
      [id, max],
    );
    return rows[0]?.attempts ?? max;
  }

  /**
   * Marks the row verified. The number then belongs to this account alone:
   * another account's verified row of it goes (returns their ids).
   */
  async markVerified(tx: Tx, id: string, numberHash: string): Promise<string[]> {
    const removed: { id: string }[] = await tx.query(
      `WITH gone AS (
         DELETE FROM phone_number WHERE number_hash = $1 AND id <> $2 AND verified_at IS NOT NULL
         RETURNING id)
       SELECT id FROM gone`,
      [numberHash, id],
    );
    await tx.query(
      `UPDATE phone_number SET verified_at = now(), code_hash = NULL, code_expires_at = NULL,
              code_attempts = 0 WHERE id = $1`,
      [id],
    );
    return removed.map((r) => r.id);
  }

  async numberHashOf(tx: Tx, id: string): Promise<string> {
    const rows: { numberHash: string }[] = await tx.query(
      'SELECT number_hash AS "numberHash" FROM phone_number WHERE id = $1',
      [id],
    );
    return rows[0].numberHash;
  }

  async remove(tx: Tx, id: string): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      'WITH gone AS (DELETE FROM phone_number WHERE id = $1 RETURNING id) SELECT id FROM gone',
      [id],
    );
    return rows.length > 0;
  }

  /** Every number of the user stops reporting until verified again; returns how many did. */
  async unverifyAll(tx: Tx, userId: string): Promise<number> {
    const rows: unknown[] = await tx.query(
      `WITH stopped AS (
         UPDATE phone_number SET verified_at = NULL, code_hash = NULL, code_expires_at = NULL
          WHERE user_id = $1 AND (verified_at IS NOT NULL OR code_hash IS NOT NULL) RETURNING id)
       SELECT id FROM stopped`,
      [userId],
    );
    return rows.length;
  }

  /** The enabled account a verified number belongs to, or null. */
  async senderOf(numberHash: string): Promise<SenderRow | null> {
    const rows: SenderRow[] = await this.dataSource.query(
      `SELECT p.id AS "phoneId", u.id AS "userId", u.username, u.role,
              u.association_id AS "associationId", u.authority_id AS "authorityId",
              u.must_change_password AS "mustChangePassword", u.totp_enabled AS "totpEnabled",
              u.pending
         FROM phone_number p JOIN app_user u ON u.id = p.user_id
        WHERE p.number_hash = $1 AND p.verified_at IS NOT NULL AND NOT u.disabled`,
      [numberHash],
    );
    return rows[0] ?? null;
  }
}
