import { ConfigError } from './config-error';

/** A ceiling per client address: at most `limit` in `windowSeconds`. */
export interface RateLimit {
  limit: number;
  windowSeconds: number;
}

/**
 * Per client address (TOGUNA_RATE_LIMITS, `group=limit[/window]`): `login`
 * counts failed sign-ins only (a successful one never uses the budget); the
 * others are flood guards that count every request of their route group.
 */
export const RATE_LIMIT_DEFAULTS = {
  login: { limit: 100, windowSeconds: 15 * 60 },
  refresh: { limit: 600, windowSeconds: 60 },
  totp: { limit: 600, windowSeconds: 60 },
  verify: { limit: 600, windowSeconds: 60 },
} as const satisfies Record<string, RateLimit>;
export type RateLimitGroup = keyof typeof RATE_LIMIT_DEFAULTS;
/** The groups counted per request by the @RateLimit guard (`login` is counted by the sign-in itself). */
export type RateLimitPolicy = Exclude<RateLimitGroup, 'login'>;

const WINDOW_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600 };
export const RATE_LIMIT_ENTRY = new RegExp(
  `^(${Object.keys(RATE_LIMIT_DEFAULTS).join('|')})=([1-9]\\d{0,5})(?:/([1-9]\\d{0,3})(s|m|h))?$`,
);

/** `login=100/15m` → ['login', {limit: 100, windowSeconds: 900}]; a bare limit keeps the default window. */
function parseRateLimit(entry: string): [RateLimitGroup, RateLimit] {
  const [, group, limit, amount, unit] = RATE_LIMIT_ENTRY.exec(entry)!;
  const name = group as RateLimitGroup;
  const windowSeconds = amount
    ? Number(amount) * WINDOW_UNITS[unit]
    : RATE_LIMIT_DEFAULTS[name].windowSeconds;
  return [name, { limit: Number(limit), windowSeconds }];
}

/** The ceilings of TOGUNA_RATE_LIMITS's entries over the defaults, or the reason they are refused. */
export function rateLimitsFrom(entries: string[]): Record<RateLimitGroup, RateLimit> {
  const rateLimits = {
    ...RATE_LIMIT_DEFAULTS,
    ...Object.fromEntries(entries.map(parseRateLimit)),
  };
  // Counters idle for a day are swept: a longer window would forget too early.
  if (Object.values(rateLimits).some((r) => r.windowSeconds > 86_400))
    throw new ConfigError(
      'Invalid configuration:\n  TOGUNA_RATE_LIMITS: a window may not exceed 24h',
    );
  return rateLimits;
}
