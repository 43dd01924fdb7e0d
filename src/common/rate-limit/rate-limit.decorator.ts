import { SetMetadata } from '@nestjs/common';
import type { RateLimitPolicy } from '../../config/app-config';

export const RATE_LIMIT_KEY = 'toguna:rate-limit';

/**
 * A flood guard: limits this route per client address, with the ceiling of
 * its group (`TOGUNA_RATE_LIMITS`). Routes of one group share one counter:
 * `@RateLimit('totp')` on setup, enable and step-up count together.
 * Past the ceiling: 429 `rate_limited` with `Retry-After`.
 */
export const RateLimit = (policy: RateLimitPolicy): MethodDecorator & ClassDecorator =>
  SetMetadata(RATE_LIMIT_KEY, policy);
