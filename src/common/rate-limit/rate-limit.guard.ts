import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerException, ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';
import type { RateLimitPolicy } from '../../config/app-config';
import { clientAddress } from './client-address';
import { RATE_LIMIT_KEY } from './rate-limit.decorator';

/** The route groups this guard counts, each with its own counter per client. */
export const RATE_LIMIT_GROUPS: readonly RateLimitPolicy[] = ['refresh', 'totp', 'verify'];

/** Carries the wait to the problem+json filter (problem.ts), which sends it as Retry-After. */
export class RateLimitExceeded extends ThrottlerException {
  constructor(readonly retryAfterSeconds: number) {
    super();
  }
}

export function rateLimitPolicyOf(context: ExecutionContext): RateLimitPolicy | undefined {
  return (
    (Reflect.getMetadata(RATE_LIMIT_KEY, context.getHandler()) as RateLimitPolicy | undefined) ??
    (Reflect.getMetadata(RATE_LIMIT_KEY, context.getClass()) as RateLimitPolicy | undefined)
  );
}

/**
 * Global guard: only routes marked with @RateLimit are counted (one named
 * throttler per group, see rate-limit.module.ts); every other route passes
 * without touching the database.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override shouldSkip(context: ExecutionContext): Promise<boolean> {
    return Promise.resolve(context.getType() !== 'http' || !rateLimitPolicyOf(context));
  }

  protected override getTracker(request: { ip: string }): Promise<string> {
    return Promise.resolve(clientAddress(request.ip));
  }

  protected override throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    throw new RateLimitExceeded(detail.timeToBlockExpire);
  }
}
