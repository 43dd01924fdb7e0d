import { hash, verify } from '@node-rs/argon2';
import { Injectable } from '@nestjs/common';
import { dictionary } from '@zxcvbn-ts/language-common';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../common/auth/password-rule';
import { ConcurrencyLimit } from '../../common/concurrency/concurrency-limit';
import { AppError } from '../../common/http/app-error';

// Argon2id (`Algorithm.Argon2id` is a const enum, unusable across isolated modules).
const ARGON2ID = 2;
/** OWASP's minimum for argon2id: 19 MiB, 2 passes, 1 lane. */
const HASH_OPTIONS = { algorithm: ARGON2ID, memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 };

export { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH };

const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  dictionary['passwords-common'].map((p) => p.toLowerCase()),
);

@Injectable()
export class PasswordService {
  /**
   * Hashes and verifications run at most one per core at once (each holds
   * 19 MiB and a core while it runs); a burst of sign-ins waits in line
   * instead of piling up buffers.
   */
  readonly hashing = new ConcurrencyLimit();

  /** Verified instead of a real hash when the account does not exist, so both take as long. */
  private readonly decoy = this.hashing.run(() =>
    hash('decoy-password-that-never-matches', HASH_OPTIONS),
  );

  hash(password: string): Promise<string> {
    return this.hashing.run(() => hash(password, HASH_OPTIONS));
  }

  async verify(passwordHash: string | null, password: string): Promise<boolean> {
    const stored = passwordHash ?? (await this.decoy);
    try {
      return await this.hashing.run(() => verify(stored, password));
    } catch {
      return false;
    }
  }

  /** Throws weak_password / common_password for a password that breaks PASSWORD_RULE. */
  assertAcceptable(password: string, username?: string): void {
    if (password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH) {
      throw new AppError('weak_password', {
        errors: [{ field: 'password', message: 'too short', code: 'minLength' }],
      });
    }
    const lower = password.toLowerCase();
    if (COMMON_PASSWORDS.has(lower) || (username && lower === username.toLowerCase())) {
      throw new AppError('common_password');
    }
  }
}
