import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppConfig, RATE_LIMIT_DEFAULTS, RateLimitPolicy } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { PostgresThrottlerStorage } from './postgres-throttler.storage';
import { RateLimitGuard, rateLimitPolicyOf } from './rate-limit.guard';

const WINDOW_MS = 60_000;

/**
 * Per-address rate limits on the routes marked @RateLimit(group), counted in
 * PostgreSQL so that every API instance shares them. The client address is
 * Fastify's `request.ip` (honours TOGUNA_TRUST_PROXY); IPv6 by /56 subnet.
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG, DataSource],
      useFactory: (config: AppConfig, dataSource: DataSource) => ({
        storage: new PostgresThrottlerStorage(dataSource),
        // Retry-After goes out with the problem document; no X-RateLimit-* headers.
        setHeaders: false,
        // One counter per group and address; the address only as a hash.
        generateKey: (_context, tracker, group) =>
          `${group}:${createHash('sha256').update(tracker).digest('base64url')}`,
        throttlers: (Object.keys(RATE_LIMIT_DEFAULTS) as RateLimitPolicy[]).map((group) => ({
          name: group,
          limit: config.rateLimits[group],
          ttl: WINDOW_MS,
          skipIf: (context) => rateLimitPolicyOf(context) !== group,
        })),
      }),
    }),
  ],
  providers: [{ provide: APP_GUARD, useClass: RateLimitGuard }],
})
export class RateLimitModule {}
