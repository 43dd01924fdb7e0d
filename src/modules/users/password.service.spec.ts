import { availableParallelism } from 'node:os';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PASSWORD_RULE } from '../../common/auth/password-rule';
import { AppError } from '../../common/http/app-error';
import { describeError } from '../../common/http/error-catalogue';
import { PasswordService } from './password.service';
import './users.errors';

/** The code of the AppError `fn` throws, or null when it passes. */
function refusal(fn: () => void): string | null {
  try {
    fn();
    return null;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

describe('the password rule', () => {
  const passwords = new PasswordService();
  const check = (password: string, username = 'amadou.k') =>
    refusal(() => passwords.assertAcceptable(password, username));

  it('accepts exactly what the rule states: 10 to 256 characters, not common, not the user name', () => {
    expect(check('Baobab-du-')).toBeNull();
    expect(check('x'.repeat(9) + 'é')).toBeNull();
    expect(check('Baobab-d9')).toBe('weak_password');
    expect(check('k'.repeat(256))).toBeNull();
    expect(check('k'.repeat(257))).toBe('weak_password');
    expect(check('1234567890')).toBe('common_password');
    expect(check('Password123')).toBe('common_password');
    expect(check('Amadou.Kone-2', 'amadou.kone-2')).toBe('common_password');
  });

  it('is what both refusals say, in French and in English', () => {
    for (const code of ['weak_password', 'common_password'] as const) {
      expect(describeError(code, 'fr').detail).toBe(PASSWORD_RULE.fr);
      expect(describeError(code, 'en').detail).toBe(PASSWORD_RULE.en);
    }
  });

  it('is stated word for word in the README', () => {
    const readme = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
    expect(readme).toContain(PASSWORD_RULE.en);
  });
});

describe('password hashing', () => {
  it('runs at most one Argon2 hash or verification per core at once; a burst waits in line', async () => {
    const passwords = new PasswordService();
    const cores = passwords.hashing.limit;
    expect(cores).toBe(availableParallelism());
    let peak = 0;
    let queuedSeen = 0;
    const sample = setInterval(() => {
      peak = Math.max(peak, passwords.hashing.running);
      queuedSeen = Math.max(queuedSeen, passwords.hashing.queued);
    }, 1);
    const burst = 3 * cores;
    try {
      const hashes = await Promise.all(
        Array.from({ length: burst }, (_, i) => passwords.hash(`Baobab-du-Sahel-${i}`)),
      );
      const checks = await Promise.all([
        ...hashes.map((h, i) => passwords.verify(h, `Baobab-du-Sahel-${i}`)),
        passwords.verify(hashes[0], 'not-the-password'),
        passwords.verify(null, 'Baobab-du-Sahel-0'),
      ]);
      expect(checks).toEqual([...hashes.map(() => true), false, false]);
    } finally {
      clearInterval(sample);
    }
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThanOrEqual(cores);
    expect(queuedSeen).toBeGreaterThan(0);
    expect(passwords.hashing.running).toBe(0);
  });
});
