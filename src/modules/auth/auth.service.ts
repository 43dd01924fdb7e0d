import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Principal } from '../../common/auth/principal';
import { AppError } from '../../common/http/app-error';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { Transactions } from '../../database/transactions';
import { SessionsRepository } from '../sessions/sessions.repository';
import { PasswordService } from '../users/password.service';
import { User } from '../users/user.entity';
import { toSessionUser } from '../users/users.mapper';
import { UsersRepository } from '../users/users.repository';
import { AccessTokenService } from './access-token.service';
import { SessionList, TokenResponse } from './dto/token.response';
import { BackoffPolicy, LoginThrottleRepository } from './login-throttle.repository';

/** Per account name: 5 failures, then 30 s, 60 s, … up to 15 min. */
const ACCOUNT_BACKOFF: BackoffPolicy = {
  threshold: 5,
  baseSeconds: 30,
  maxSeconds: 900,
  windowSeconds: 900,
};
/** Per client address: wider, to stop spraying many accounts from one place. */
const ADDRESS_BACKOFF: BackoffPolicy = {
  threshold: 20,
  baseSeconds: 60,
  maxSeconds: 900,
  windowSeconds: 900,
};

function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

@Injectable()
export class AuthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly throttle: LoginThrottleRepository,
    private readonly passwords: PasswordService,
    private readonly tokens: AccessTokenService,
    private readonly transactions: Transactions,
  ) {}

  /**
   * Checks a username and password. An unknown user, a wrong password and a
   * disabled account get the same error after the same work; repeated
   * failures block the account name and the address for a growing time.
   */
  async verifyCredentials(username: string, password: string, address: string): Promise<User> {
    const name = username.trim().toLowerCase();
    const keys = [`user:${name}`, `ip:${address}`];
    const blockedFor = await this.throttle.secondsBlocked(keys);
    if (blockedFor > 0)
      throw new AppError('too_many_attempts', { headers: { 'retry-after': String(blockedFor) } });

    const user = await this.users.findForLogin(name);
    const valid = await this.passwords.verify(user?.passwordHash ?? null, password);
    if (!user || !valid || user.disabled) {
      await this.throttle.recordFailure(keys[0], ACCOUNT_BACKOFF);
      await this.throttle.recordFailure(keys[1], ADDRESS_BACKOFF);
      throw new AppError('invalid_credentials');
    }
    await this.throttle.clear(keys[0]);
    return user;
  }

  async startSession(user: User, userAgent: string | undefined): Promise<TokenResponse> {
    const sessionId = randomUUID();
    const refreshToken = await this.transactions.run(async (tx) => {
      await this.sessions.insertSession(tx, {
        id: sessionId,
        userId: user.id,
        expiresAt: this.refreshExpiry(),
        userAgent: userAgent ? userAgent.slice(0, 200) : null,
      });
      return this.issueRefreshToken(tx, sessionId);
    });
    return this.tokenResponse(user, sessionId, refreshToken);
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
        return { kind: 'reused' as const };
      }
      if (!state.sessionUsable || state.expiresAt <= new Date())
        return { kind: 'invalid' as const };
      await this.sessions.spendRefreshToken(tx, state.id);
      await this.sessions.touchSession(tx, state.sessionId, this.refreshExpiry());
      const next = await this.issueRefreshToken(tx, state.sessionId);
      return { kind: 'ok' as const, userId: state.userId, sessionId: state.sessionId, token: next };
    });
    if (outcome.kind !== 'ok') throw new AppError('invalid_refresh_token');
    const user = await this.users.findById(outcome.userId);
    if (!user) throw new AppError('invalid_refresh_token');
    return this.tokenResponse(user, outcome.sessionId, outcome.token);
  }

  async logout(principal: Principal): Promise<void> {
    await this.sessions.revoke(undefined, principal.sessionId, principal.userId, 'logout');
  }

  /** A seized phone: every session of the caller ends now. */
  async panic(principal: Principal): Promise<void> {
    await this.sessions.revokeAllOfUser(undefined, principal.userId, 'panic');
  }

  /** Sets a new password and ends every other session. */
  async changePassword(
    principal: Principal,
    currentPassword: string,
    newPassword: string,
  ): Promise<void> {
    const user = await this.users.findByIdWithHash(principal.userId);
    if (!user || !(await this.passwords.verify(user.passwordHash, currentPassword))) {
      throw new AppError('wrong_current_password');
    }
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
      await this.sessions.revokeAllOfUser(tx, user.id, 'password_changed', principal.sessionId);
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
      })),
    };
  }

  async revokeSession(principal: Principal, sessionId: string): Promise<void> {
    const revoked = await this.sessions.revoke(
      undefined,
      sessionId,
      principal.userId,
      'revoked_by_user',
    );
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
