import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { AuditService } from '../../common/audit/audit.service';
import { AuditAction, AuditDetails } from '../../common/audit/audit-input';
import { Principal } from '../../common/auth/principal';
import { AppError } from '../../common/http/app-error';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { Transactions, Tx } from '../../database/transactions';
import { PhonesService } from '../phones';
import { SessionsRepository } from '../sessions';
import { TrustedDevicesRepository } from '../sessions';
import { PasswordService } from '../users';
import { User } from '../users';
import { toSessionUser } from '../users';
import { UsersRepository } from '../users';
import { AccessTokenService } from './access-token.service';
import { LoginResponse, SessionList, TokenResponse } from './dto/token.response';
import { SignInAttempt, SignInLimits } from './sign-in-limits';
import { TotpService } from './totp.service';

/** A sign-in whose secrets were right, and the trusted device it came from if any. */
export interface VerifiedSignIn {
  user: User;
  /** The device token presented, when valid for this account (else a new one is issued). */
  device: { id: string; token: string } | null;
}

function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

@Injectable()
export class AuthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly limits: SignInLimits,
    private readonly devices: TrustedDevicesRepository,
    private readonly passwords: PasswordService,
    private readonly tokens: AccessTokenService,
    private readonly transactions: Transactions,
    private readonly totp: TotpService,
    private readonly audit: AuditService,
    private readonly phones: PhonesService,
  ) {}

  /**
   * Checks a username and password. An unknown user, a wrong password and a
   * disabled account get the same error after the same work; repeated
   * failures block the account name and the address (or, from a trusted
   * device, that device) for a growing time: SignInLimits. With TOTP
   * enabled, the code is checked only after the password (no oracle for
   * codes without it); a wrong or replayed code is a failure too.
   */
  async verifyCredentials(
    username: string,
    password: string,
    address: string,
    totp?: string,
    deviceToken?: string,
  ): Promise<VerifiedSignIn> {
    const name = username.trim().toLowerCase();
    const device = deviceToken ? await this.devices.findValid(hashToken(deviceToken), name) : null;
    const attempt: SignInAttempt = device
      ? { kind: 'device', deviceId: device.id }
      : { kind: 'untrusted', username: name, ip: address };
    await this.limits.take(attempt);

    const user = await this.users.findForLogin(name);
    const valid = await this.passwords.verify(user?.passwordHash ?? null, password);
    if (!user || !valid || user.disabled) {
      await this.loginFailed(user, 'invalid_credentials');
      throw new AppError('invalid_credentials');
    }
    if (user.totpEnabled) {
      if (!totp) {
        // The next step of a sign-in, not a guess: the attempt is given back.
        await this.limits.giveBack(attempt);
        throw new AppError('totp_required');
      }
      if (!(await this.totp.verifyForLogin(user.id, totp))) {
        await this.loginFailed(user, 'invalid_totp');
        throw new AppError('invalid_totp', { status: 401 });
      }
    }
    await this.limits.succeeded(attempt);
    return { user, device: device && deviceToken ? { id: device.id, token: deviceToken } : null };
  }

  /** A failed sign-in: the account when it exists, never the name or password tried. */
  private async loginFailed(user: User | null, reason: string): Promise<void> {
    await this.audit.recordNow({
      action: 'auth.login_failed',
      actorUserId: null,
      actorRole: null,
      entityType: 'user',
      entityId: user?.id ?? null,
      associationId: user?.associationId ?? null,
      details: { reason_code: reason },
    });
  }

  /** Audit event of an account action by the signed-in user, in the action's transaction. */
  private accountEvent(tx: Tx, principal: Principal, action: AuditAction, details?: AuditDetails) {
    return this.audit.record(tx, {
      action,
      entityType: 'user',
      entityId: principal.userId,
      associationId: principal.associationId,
      details,
    });
  }

  /**
   * Opens a session for a verified sign-in and answers with the device
   * token: the one presented, kept for another TOGUNA_DEVICE_TOKEN_DAYS, or
   * a new one for a device seen for the first time.
   */
  async startSession(
    signIn: VerifiedSignIn,
    userAgent: string | undefined,
  ): Promise<LoginResponse> {
    const { user } = signIn;
    const sessionId = randomUUID();
    const { refreshToken, deviceToken } = await this.transactions.run(async (tx) => {
      await this.sessions.insertSession(tx, {
        id: sessionId,
        userId: user.id,
        expiresAt: this.refreshExpiry(),
        userAgent: userAgent ? userAgent.slice(0, 200) : null,
      });
      const token = await this.issueRefreshToken(tx, sessionId);
      const device = await this.trustDevice(tx, user.id, signIn.device);
      await this.audit.record(tx, {
        action: 'auth.login',
        actorUserId: user.id,
        actorRole: user.role,
        entityType: 'session',
        entityId: sessionId,
        associationId: user.associationId,
      });
      return { refreshToken: token, deviceToken: device };
    });
    return { ...(await this.tokenResponse(user, sessionId, refreshToken)), deviceToken };
  }

  private async trustDevice(
    tx: Tx,
    userId: string,
    known: VerifiedSignIn['device'],
  ): Promise<string> {
    const expiresAt = new Date(Date.now() + this.config.deviceTokenDays * 86_400_000);
    if (known) {
      await this.devices.touch(tx, known.id, expiresAt);
      return known.token;
    }
    const token = randomBytes(32).toString('base64url');
    await this.devices.insert(tx, {
      id: randomUUID(),
      userId,
      tokenHash: hashToken(token),
      expiresAt,
    });
    return token;
  }

  /**
   * Spends a refresh token and returns a new pair. A token already spent
   * means it was copied: the whole session (the token family) is revoked.
   */
  async refresh(refreshToken: string): Promise<TokenResponse> {
    const outcome = await this.transactions.run(async (tx) => {
      const state = await this.sessions.lockRefreshToken(tx, hashToken(refreshToken));
      if (!state) return { kind: 'invalid' as const };
      if (state.spentAt) {
        await this.sessions.revoke(tx, state.sessionId, state.userId, 'refresh_token_reuse');
        await this.audit.record(tx, {
          action: 'auth.refresh_reuse',
          actorUserId: null,
          actorRole: null,
          entityType: 'session',
          entityId: state.sessionId,
          details: { reason_code: 'session_revoked' },
        });
        return { kind: 'reused' as const };
      }
      if (!state.sessionUsable || state.expiresAt <= new Date())
        return { kind: 'invalid' as const };
      await this.sessions.spendRefreshToken(tx, state.id);
      await this.sessions.touchSession(tx, state.sessionId, this.refreshExpiry());
      const next = await this.issueRefreshToken(tx, state.sessionId);
      await this.audit.record(tx, {
        action: 'auth.refresh',
        actorUserId: state.userId,
        actorRole: null,
        entityType: 'session',
        entityId: state.sessionId,
      });
      return { kind: 'ok' as const, userId: state.userId, sessionId: state.sessionId, token: next };
    });
    if (outcome.kind !== 'ok') throw new AppError('invalid_refresh_token');
    const user = await this.users.findById(outcome.userId);
    if (!user) throw new AppError('invalid_refresh_token');
    return this.tokenResponse(user, outcome.sessionId, outcome.token);
  }

  async logout(principal: Principal): Promise<void> {
    await this.transactions.run(async (tx) => {
      await this.sessions.revoke(tx, principal.sessionId, principal.userId, 'logout');
      await this.accountEvent(tx, principal, 'auth.logout');
    });
  }

  /** A seized phone: every session of the caller ends now, and no device stays trusted. */
  async panic(principal: Principal): Promise<void> {
    await this.transactions.run(async (tx) => {
      const count = await this.sessions.revokeAllAndForgetDevices(tx, principal.userId, 'panic');
      // A seized phone must not report either: its numbers wait for a new verification.
      await this.phones.stopReporting(tx, principal.userId);
      await this.accountEvent(tx, principal, 'auth.panic', { count });
    });
  }

  /** Sets a new password and ends every other session. */
  async changePassword(
    principal: Principal,
    currentPassword: string,
    newPassword: string,
  ): Promise<void> {
    const user = await this.users.findByIdWithHash(principal.userId);
    if (!user) throw new AppError('not_found');
    // A stolen access token must not become a way to guess the password.
    await this.limits.takeForUser('password', user.id);
    if (!(await this.passwords.verify(user.passwordHash, currentPassword))) {
      throw new AppError('wrong_current_password');
    }
    await this.limits.clearForUser('password', user.id);
    this.passwords.assertAcceptable(newPassword, user.username);
    if (await this.passwords.verify(user.passwordHash, newPassword)) {
      throw new AppError('weak_password', {
        detail: {
          en: 'The new password must differ from the current one.',
          fr: "Le nouveau mot de passe doit différer de l'actuel.",
        },
      });
    }
    const passwordHash = await this.passwords.hash(newPassword);
    await this.transactions.run(async (tx) => {
      await this.users.setPassword(tx, user.id, passwordHash);
      const count = await this.sessions.revokeAllOfUser(
        tx,
        user.id,
        'password_changed',
        principal.sessionId,
      );
      await this.accountEvent(tx, principal, 'auth.password_change', { count });
    });
  }

  async listSessions(principal: Principal): Promise<SessionList> {
    const sessions = await this.sessions.listActive(principal.userId);
    return {
      items: sessions.map((s) => ({
        id: s.id,
        createdAt: s.createdAt.toISOString(),
        lastUsedAt: s.lastUsedAt.toISOString(),
        expiresAt: s.expiresAt.toISOString(),
        userAgent: s.userAgent,
        current: s.id === principal.sessionId,
        steppedUpAt: s.steppedUpAt ? s.steppedUpAt.toISOString() : null,
      })),
    };
  }

  async revokeSession(principal: Principal, sessionId: string): Promise<void> {
    const revoked = await this.transactions.run(async (tx) => {
      const done = await this.sessions.revoke(tx, sessionId, principal.userId, 'revoked_by_user');
      if (done) await this.accountEvent(tx, principal, 'auth.session_revoke', { ids: [sessionId] });
      return done;
    });
    if (!revoked) throw new AppError('not_found');
  }

  private refreshExpiry(): Date {
    return new Date(Date.now() + this.config.refreshTokenTtlSeconds * 1000);
  }

  private async issueRefreshToken(
    tx: Parameters<SessionsRepository['insertRefreshToken']>[0],
    sessionId: string,
  ): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.sessions.insertRefreshToken(tx, {
      id: randomUUID(),
      sessionId,
      tokenHash: hashToken(token),
      expiresAt: this.refreshExpiry(),
    });
    return token;
  }

  private async tokenResponse(
    user: User,
    sessionId: string,
    refreshToken: string,
  ): Promise<TokenResponse> {
    return {
      accessToken: await this.tokens.sign({ userId: user.id, sessionId }),
      refreshToken,
      expiresIn: this.tokens.ttlSeconds,
      user: toSessionUser(user),
    };
  }
}
