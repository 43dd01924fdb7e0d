import { SetMetadata } from '@nestjs/common';
import type { RateLimitPolicy } from '../../config/app-config';

export const RATE_LIMIT_KEY = 'toguna:rate-limit';

/**
 * Limits this route per client address, with the limit of its group
 * (`TOGUNA_RATE_LIMITS`, per minute). Routes of one group share one counter:
 * `@RateLimit('totp')` on setup, enable and step-up allows 20 of them in all.
 * Past the limit: 429 `rate_limited` with `Retry-After`.
 */
export const RateLimit = (policy: RateLimitPolicy): MethodDecorator & ClassDecorator =>
  SetMetadata(RATE_LIMIT_KEY, policy);
