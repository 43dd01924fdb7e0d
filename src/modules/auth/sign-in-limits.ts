import { Inject, Injectable } from '@nestjs/common';
import { LookupHasher } from '../../common/crypto/lookup-hasher';
import { AppError } from '../../common/http/app-error';
import { clientAddress } from '../../common/rate-limit/client-address';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { BackoffPolicy, LoginThrottleRepository, ThrottledKey } from './login-throttle.repository';

/** Per account, and per trusted device: 5 failures, then 30 s, 60 s, … up to 15 min. */
export const ACCOUNT_BACKOFF: BackoffPolicy = {
  threshold: 5,
  baseSeconds: 30,
  maxSeconds: 900,
  windowSeconds: 900,
};

/** Who is trying: an account name from some address, or a device that signed in to it before. */
export type SignInAttempt =
  { kind: 'untrusted'; username: string; ip: string } | { kind: 'device'; deviceId: string };

/** Secrets checked again on a signed-in session. */
export type UserSecret = 'password' | 'totp';

/**
 * The counters a sign-in is held to (OWASP's brute-force guidance, as GitHub
 * and Okta apply it):
 * - from an untrusted device: the account name (ACCOUNT_BACKOFF) and the
 *   client address, whose ceiling counts failures only (TOGUNA_RATE_LIMITS
 *   `login`, 100 per 15 min by default): a room of forty on one address
 *   signs in, a sprayer of many names is stopped;
 * - from a device holding a valid device token of the account: that device's
 *   own counter only, so strangers' failures can neither lock the owner out
 *   nor block the address for them.
 * Every attempt is counted before the secret is checked, so guesses sent at
 * once cannot all be checked; a success gives the attempt back.
 */
@Injectable()
export class SignInLimits {
  private readonly addressPolicy: BackoffPolicy;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly hasher: LookupHasher,
    private readonly throttle: LoginThrottleRepository,
  ) {
    const { limit, windowSeconds } = config.rateLimits.login;
    // Past the ceiling the address waits out the window (and again at each further failure).
    this.addressPolicy = {
      threshold: limit,
      baseSeconds: windowSeconds,
      maxSeconds: windowSeconds,
      windowSeconds,
    };
  }

  /** Counts the attempt on every counter it is held to; 429 `too_many_attempts` while one is blocked. */
  take(attempt: SignInAttempt): Promise<void> {
    return this.count(this.keys(attempt));
  }

  /**
   * A secret checked on a signed-in session (the current password, a TOTP
   * code): one counter per user and purpose, so that a stolen session cannot
   * guess it, and strangers' sign-in failures do not block it.
   */
  takeForUser(purpose: UserSecret, userId: string): Promise<void> {
    return this.count([{ key: `${purpose}:${userId}`, policy: ACCOUNT_BACKOFF }]);
  }

  /** The secret was right: the user's counter for it starts again. */
  clearForUser(purpose: UserSecret, userId: string): Promise<void> {
    return this.throttle.clear(`${purpose}:${userId}`);
  }

  private async count(keys: ThrottledKey[]): Promise<void> {
    const wait = await this.throttle.takeAttempt(keys);
    if (wait > 0)
      throw new AppError('too_many_attempts', { headers: { 'retry-after': String(wait) } });
  }

  /**
   * The attempt was not a guess (right password; the second factor comes
   * next): given back everywhere, so it costs no budget.
   */
  async giveBack(attempt: SignInAttempt): Promise<void> {
    for (const key of this.keys(attempt)) await this.throttle.giveBack(key);
  }

  /** Signed in: the account's (or the device's) failures are forgotten, the address's attempt given back. */
  async succeeded(attempt: SignInAttempt): Promise<void> {
    const [own, ...shared] = this.keys(attempt);
    await this.throttle.clear(own.key);
    for (const key of shared) await this.throttle.giveBack(key);
  }

  /** The attempt's own counter first, then the shared ones. Names and addresses only as keyed hashes. */
  private keys(attempt: SignInAttempt): ThrottledKey[] {
    if (attempt.kind === 'device')
      return [{ key: `device:${attempt.deviceId}`, policy: ACCOUNT_BACKOFF }];
    return [
      {
        key: `user:${this.hasher.digest('username', attempt.username)}`,
        policy: ACCOUNT_BACKOFF,
      },
      {
        key: `ip:${this.hasher.digest('client-address', clientAddress(attempt.ip))}`,
        policy: this.addressPolicy,
      },
    ];
  }
}
