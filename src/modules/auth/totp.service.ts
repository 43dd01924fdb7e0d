import { Injectable } from '@nestjs/common';
import { AuditService } from '../../common/audit/audit.service';
import { AuditAction } from '../../common/audit/audit-input';
import { Principal } from '../../common/auth/principal';
import { FieldCipher, FieldContext } from '../../common/crypto/field-cipher';
import { AppError } from '../../common/http/app-error';
import { Transactions, Tx } from '../../database/transactions';
import { SessionsRepository, StepUpService } from '../sessions';
import { PasswordService, UsersRepository } from '../users';
import { TotpSetupResponse } from './dto/totp.dto';
import { SignInLimits } from './sign-in-limits';
import { matchedStep, newTotpSecret, otpauthUrl } from './totp';
import { TotpRepository } from '../users';

const secretContext = (userId: string): FieldContext => ({
  table: 'app_user',
  column: 'totp_secret',
  rowId: userId,
});

/**
 * Second factor (RFC 6238): setup, confirmation, step-up, and the check made
 * at sign-in. A code is accepted once: the last accepted time step is kept
 * per user and moved forward by one conditional UPDATE.
 */
@Injectable()
export class TotpService {
  constructor(
    private readonly totp: TotpRepository,
    private readonly cipher: FieldCipher,
    private readonly limits: SignInLimits,
    private readonly stepUps: StepUpService,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly users: UsersRepository,
    private readonly passwords: PasswordService,
    private readonly sessions: SessionsRepository,
  ) {}

  private event(tx: Tx, principal: Principal, action: AuditAction, count?: number) {
    return this.audit.record(tx, {
      action,
      entityType: 'user',
      entityId: principal.userId,
      associationId: principal.associationId,
      details: { fields: ['totpSecret'], ...(count === undefined ? {} : { count }) },
    });
  }

  /**
   * A new secret, pending until confirmed with `enable`; replaces an
   * unconfirmed one. Only with the password: a stolen session alone must not
   * be able to put its own authenticator on the account and lock the owner
   * out. Wrong passwords count with those of a password change (the same
   * secret, checked on a signed-in session), so that session cannot guess it.
   */
  async setup(principal: Principal, password: string): Promise<TotpSetupResponse> {
    await this.limits.takeForUser('password', principal.userId);
    const user = await this.users.findByIdWithHash(principal.userId);
    if (!user) throw new AppError('unauthenticated');
    if (!(await this.passwords.verify(user.passwordHash, password))) {
      throw new AppError('wrong_current_password');
    }
    await this.limits.clearForUser('password', principal.userId);
    const state = await this.totp.read(principal.userId);
    if (!state) throw new AppError('unauthenticated');
    if (state.enabled) throw new AppError('totp_already_enabled');
    const secret = newTotpSecret();
    const stored = await this.transactions.run(async (tx) => {
      const done = await this.totp.storePendingSecret(
        tx,
        principal.userId,
        this.cipher.encrypt(secret, secretContext(principal.userId)),
      );
      if (done) await this.event(tx, principal, 'totp.setup');
      return done;
    });
    if (!stored) throw new AppError('totp_already_enabled');
    return { secret, otpauthUrl: otpauthUrl(principal.username, secret) };
  }

  /**
   * Turns TOTP on when `code` matches the pending secret; 400 `invalid_totp`
   * otherwise. Every other session of the account ends: one opened by
   * someone else before the factor was on must not outlive it.
   */
  async enable(principal: Principal, code: string): Promise<void> {
    await this.limits.takeForUser('totp', principal.userId);
    const outcome = await this.transactions.run(async (tx) => {
      // Locked: a concurrent setup cannot swap the secret between check and update.
      const state = await this.totp.read(principal.userId, tx);
      if (!state) throw new AppError('unauthenticated');
      if (state.enabled) throw new AppError('totp_already_enabled');
      if (!state.secret) {
        throw new AppError('totp_not_enabled', {
          detail: {
            en: 'No authenticator app is being set up: call POST /api/v1/auth/totp/setup first.',
            fr: "Aucune application d'authentification n'est en cours de configuration : appelez d'abord POST /api/v1/auth/totp/setup.",
          },
        });
      }
      const step = matchedStep(
        code,
        this.cipher.decrypt(state.secret, secretContext(principal.userId)),
      );
      const enabled = step !== null && (await this.totp.enable(tx, principal.userId, step));
      if (enabled) {
        const ended = await this.sessions.revokeAllOfUser(
          tx,
          principal.userId,
          'totp_enabled',
          principal.sessionId,
        );
        await this.event(tx, principal, 'totp.enable', ended);
      }
      return enabled;
    });
    if (!outcome) throw new AppError('invalid_totp');
    await this.limits.clearForUser('totp', principal.userId);
  }

  /** Marks the caller's session as freshly verified with a TOTP code. */
  async stepUp(principal: Principal, code: string): Promise<void> {
    await this.limits.takeForUser('totp', principal.userId);
    const state = await this.totp.read(principal.userId);
    if (!state?.enabled || !state.secret) throw new AppError('totp_not_enabled');
    if (!(await this.spend(principal.userId, state.secret, code)))
      throw new AppError('invalid_totp');
    await this.limits.clearForUser('totp', principal.userId);
    await this.transactions.run(async (tx) => {
      await this.stepUps.markSteppedUp(tx, principal.sessionId, principal.userId);
      await this.event(tx, principal, 'auth.step_up');
    });
  }

  /**
   * The sign-in check, once the password is known to be right: true when
   * `code` is a current code of the user's enabled secret not used before.
   */
  async verifyForLogin(userId: string, code: string): Promise<boolean> {
    const state = await this.totp.read(userId);
    if (!state?.enabled || !state.secret) return false;
    return this.spend(userId, state.secret, code);
  }

  private async spend(userId: string, encryptedSecret: string, code: string): Promise<boolean> {
    const step = matchedStep(code, this.cipher.decrypt(encryptedSecret, secretContext(userId)));
    return step !== null && this.totp.acceptStep(userId, step);
  }
}
