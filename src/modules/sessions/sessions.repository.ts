import { Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { DataSource, IsNull } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { Principal } from '../../common/auth/principal';
import { Role } from '../../common/auth/role';
import { Tx } from '../../database/transactions';
import { RefreshToken } from './refresh-token.entity';
import { Session } from './session.entity';
import { PrincipalCache } from './principal-cache';
import { PRINCIPAL_SQL } from './sessions.sql';
import { TrustedDevicesRepository } from './trusted-devices.repository';

export interface RefreshTokenState {
  id: string;
  sessionId: string;
  userId: string;
  spentAt: Date | null;
  expiresAt: Date;
  sessionUsable: boolean;
}

interface PrincipalRow {
  username: string;
  role: Role;
  association_id: string | null;
  authority_id: string | null;
  must_change_password: boolean;
  totp_enabled: boolean;
  pending: boolean;
  expires_at: Date;
}

@Injectable()
export class SessionsRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly devices: TrustedDevicesRepository,
    private readonly cache: PrincipalCache,
  ) {}

  /** The driver's pg pool, for statements worth preparing once per connection. */
  private pool(): Pool {
    return (this.dataSource.driver as PostgresDriver).master as Pool;
  }

  /**
   * The caller of a request: null when the session is revoked or expired, or
   * the user disabled. Answered from PrincipalCache when it holds the session
   * (sign-out, panic, disabling and changes of role or membership reach every
   * instance's cache within a second), else in one indexed lookup.
   */
  loadPrincipal(sessionId: string, userId: string): Promise<Principal | null> {
    return this.cache.load(sessionId, userId, async () => {
      const { rows } = await this.pool().query<PrincipalRow>({
        // Named: each pooled connection parses and plans it once, not on every request.
        name: 'toguna_principal',
        text: PRINCIPAL_SQL,
        values: [sessionId, userId],
      });
      const row = rows[0];
      if (!row) return null;
      const principal: Principal = {
        userId,
        sessionId,
        username: row.username,
        role: row.role,
        associationId: row.association_id,
        authorityId: row.authority_id,
        mustChangePassword: row.must_change_password,
        totpEnabled: row.totp_enabled,
        pending: row.pending,
      };
      return { principal, sessionExpiresAt: row.expires_at };
    });
  }

  async insertSession(
    tx: Tx,
    session: Pick<Session, 'id' | 'userId' | 'expiresAt' | 'userAgent'>,
  ): Promise<void> {
    await tx.insert(Session, { ...session, lastUsedAt: new Date() });
  }

  async insertRefreshToken(
    tx: Tx,
    token: Pick<RefreshToken, 'id' | 'sessionId' | 'tokenHash' | 'expiresAt'>,
  ): Promise<void> {
    await tx.insert(RefreshToken, token);
  }

  /** Locks the token row so that two concurrent uses cannot both succeed. */
  async lockRefreshToken(tx: Tx, tokenHash: Buffer): Promise<RefreshTokenState | null> {
    const rows: {
      id: string;
      session_id: string;
      user_id: string;
      spent_at: Date | null;
      expires_at: Date;
      usable: boolean;
    }[] = await tx.query(
      `SELECT r.id, r.session_id, s.user_id, r.spent_at, r.expires_at,
              (s.revoked_at IS NULL AND s.expires_at > now() AND NOT u.disabled) AS usable
         FROM refresh_token r
         JOIN session s ON s.id = r.session_id
         JOIN app_user u ON u.id = s.user_id
        WHERE r.token_hash = $1
          FOR UPDATE OF r`,
      [tokenHash],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      id: row.id,
      sessionId: row.session_id,
      userId: row.user_id,
      spentAt: row.spent_at,
      expiresAt: row.expires_at,
      sessionUsable: row.usable,
    };
  }

  async spendRefreshToken(tx: Tx, id: string): Promise<void> {
    await tx.update(RefreshToken, { id }, { spentAt: new Date() });
  }

  async touchSession(tx: Tx, sessionId: string, expiresAt: Date): Promise<void> {
    await tx.update(Session, { id: sessionId }, { lastUsedAt: new Date(), expiresAt });
  }

  /** Revokes one session; false when it was not the user's or already ended. */
  async revoke(
    tx: Tx | undefined,
    sessionId: string,
    userId: string,
    reason: string,
  ): Promise<boolean> {
    const manager = tx ?? this.dataSource.manager;
    const result = await manager.update(
      Session,
      { id: sessionId, userId, revokedAt: IsNull() },
      { revokedAt: new Date(), revokedReason: reason },
    );
    return (result.affected ?? 0) > 0;
  }

  /** Revokes every live session of a user, except `keepSessionId` when given. */
  async revokeAllOfUser(
    tx: Tx | undefined,
    userId: string,
    reason: string,
    keepSessionId?: string,
  ): Promise<number> {
    const manager = tx ?? this.dataSource.manager;
    const result: [unknown, number] = await manager.query(
      `UPDATE session SET revoked_at = now(), revoked_reason = $2
        WHERE user_id = $1 AND revoked_at IS NULL AND ($3::uuid IS NULL OR id <> $3::uuid)`,
      [userId, reason, keepSessionId ?? null],
    );
    return result[1];
  }

  /**
   * A seized phone or a closed account: every session ends and no device of
   * the user stays trusted at sign-in. Returns the sessions revoked.
   */
  async revokeAllAndForgetDevices(tx: Tx, userId: string, reason: string): Promise<number> {
    const count = await this.revokeAllOfUser(tx, userId, reason);
    await this.devices.deleteAllOfUser(tx, userId);
    return count;
  }

  listActive(userId: string): Promise<Session[]> {
    return this.dataSource.getRepository(Session).find({
      where: { userId, revokedAt: IsNull() },
      order: { createdAt: 'DESC', id: 'ASC' },
      take: 100,
    });
  }
}
