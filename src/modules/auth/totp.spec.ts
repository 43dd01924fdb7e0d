import { authenticator } from 'otplib';
import { matchedStep, newTotpSecret, otpauthUrl, timeStep, TOTP_STEP_SECONDS } from './totp';

describe('TOTP codes', () => {
  const secret = newTotpSecret();
  // Middle of a step, so ±1 step stays clear of the boundaries.
  const now = (timeStep(Date.now()) * TOTP_STEP_SECONDS + 15) * 1000;
  const codeAt = (offsetSteps: number): string =>
    authenticator.clone({ epoch: now + offsetSteps * TOTP_STEP_SECONDS * 1000 }).generate(secret);

  it('makes 160-bit base32 secrets and an otpauth URL with issuer and label', () => {
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(secret);
    const url = new URL(otpauthUrl('amadou', secret));
    expect(url.protocol).toBe('otpauth:');
    expect(url.host).toBe('totp');
    expect(decodeURIComponent(url.pathname)).toBe('/Toguna:amadou');
    expect(url.searchParams.get('secret')).toBe(secret);
    expect(url.searchParams.get('issuer')).toBe('Toguna');
    expect(url.searchParams.get('period')).toBe('30');
    expect(url.searchParams.get('digits')).toBe('6');
  });

  it('names the step the code belongs to, within one step either side', () => {
    const current = timeStep(now);
    expect(matchedStep(codeAt(0), secret, now)).toBe(current);
    expect(matchedStep(codeAt(-1), secret, now)).toBe(current - 1);
    expect(matchedStep(codeAt(1), secret, now)).toBe(current + 1);
  });

  it('refuses codes two or three steps away, of another secret, or malformed', () => {
    for (const offset of [-3, -2, 2, 3]) {
      const code = codeAt(offset);
      // A code can collide with a nearby one by chance (1 in 10^6): skip that case.
      if ([-1, 0, 1].some((near) => codeAt(near) === code)) continue;
      expect(matchedStep(code, secret, now)).toBeNull();
    }
    const other = newTotpSecret();
    const foreign = authenticator.clone({ epoch: now }).generate(other);
    if (![-1, 0, 1].some((near) => codeAt(near) === foreign)) {
      expect(matchedStep(foreign, secret, now)).toBeNull();
    }
    expect(matchedStep('12345', secret, now)).toBeNull();
    expect(matchedStep('abcdef', secret, now)).toBeNull();
    expect(matchedStep('', secret, now)).toBeNull();
  });
});
