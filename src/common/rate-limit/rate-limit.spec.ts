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
    expect(loadConfig(base).rateLimits).toEqual({ login: 20, refresh: 60, totp: 20, verify: 60 });
    expect(loadConfig({ ...base, TOGUNA_RATE_LIMITS: ' totp=5 , login=100' }).rateLimits).toEqual({
      login: 100,
      refresh: 60,
      totp: 5,
      verify: 60,
    });
    for (const bad of ['login', 'login=0', 'logins=3', 'login=-1', 'login=abc']) {
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
