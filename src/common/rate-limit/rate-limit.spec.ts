import { ThrottlerException } from '@nestjs/throttler';
import { ConfigError, loadConfig } from '../../config/app-config';
import { classify } from '../http/problem';
import { RateLimitExceeded } from './rate-limit.guard';

describe('rate limits', () => {
  it('answer 429 rate_limited with the wait as Retry-After', () => {
    expect(classify(new RateLimitExceeded(12))).toEqual({
      code: 'rate_limited',
      headers: { 'retry-after': '12' },
    });
    // Never 0 (a client would retry at once), and a bare ThrottlerException still maps.
    expect(classify(new RateLimitExceeded(0)).headers).toEqual({ 'retry-after': '1' });
    expect(classify(new ThrottlerException())).toMatchObject({ code: 'rate_limited' });
  });

  it('are read from TOGUNA_RATE_LIMITS, per group, over the defaults', () => {
    const base = { TOGUNA_DATA_DIR: '/tmp/toguna-config-test' };
    const minute = (limit: number) => ({ limit, windowSeconds: 60 });
    expect(loadConfig(base).rateLimits).toEqual({
      login: { limit: 100, windowSeconds: 900 },
      refresh: minute(600),
      totp: minute(600),
      verify: minute(600),
    });
    // A bare limit keeps the group's window; a window is given in s, m or h.
    expect(
      loadConfig({ ...base, TOGUNA_RATE_LIMITS: ' totp=5 , login=30, verify=50/10s' }).rateLimits,
    ).toEqual({
      login: { limit: 30, windowSeconds: 900 },
      refresh: minute(600),
      totp: minute(5),
      verify: { limit: 50, windowSeconds: 10 },
    });
    expect(loadConfig({ ...base, TOGUNA_RATE_LIMITS: 'login=200/1h' }).rateLimits.login).toEqual({
      limit: 200,
      windowSeconds: 3600,
    });
    for (const bad of [
      'login',
      'login=0',
      'logins=3',
      'login=-1',
      'login=abc',
      'login=10/0m',
      'login=10/15',
      'login=10/15d',
      'login=10/25h',
    ]) {
      expect(() => loadConfig({ ...base, TOGUNA_RATE_LIMITS: bad })).toThrow(ConfigError);
    }
  });
});

describe('TOGUNA_REQUIRE_TOTP_ROLES', () => {
  const base = { TOGUNA_DATA_DIR: '/tmp/toguna-config-test' };

  it('defaults to no role, and accepts officials and coordinators', () => {
    expect(loadConfig(base).requireTotpRoles).toEqual([]);
    expect(
      loadConfig({ ...base, TOGUNA_REQUIRE_TOTP_ROLES: 'official, coordinator,official' })
        .requireTotpRoles,
    ).toEqual(['official', 'coordinator']);
  });

  it('refuses any other role, naming the variable', () => {
    expect(() => loadConfig({ ...base, TOGUNA_REQUIRE_TOTP_ROLES: 'admin' })).toThrow(
      /TOGUNA_REQUIRE_TOTP_ROLES/,
    );
  });
});
