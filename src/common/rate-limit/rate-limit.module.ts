import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { DataSource } from 'typeorm';
import { AppConfig, RateLimitPolicy } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { LookupHasher } from '../crypto/lookup-hasher';
import { PostgresThrottlerStorage } from './postgres-throttler.storage';
import { RATE_LIMIT_GROUPS, RateLimitGuard, rateLimitPolicyOf } from './rate-limit.guard';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RateLimitHit } from './rate-limit-hit.entity';

/** The tables this module owns. */
const ENTITIES = [RateLimitHit];

/**
 * Per-address flood guards on the routes marked @RateLimit(group), counted
 * in PostgreSQL so that every API instance shares them. The client is
 * `clientAddress(request.ip)`; it is stored only as a keyed hash.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature(ENTITIES),
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG, DataSource, LookupHasher],
      useFactory: (config: AppConfig, dataSource: DataSource, hasher: LookupHasher) => ({
        storage: new PostgresThrottlerStorage(dataSource),
        // Retry-After goes out with the problem document; no X-RateLimit-* headers.
        setHeaders: false,
        generateKey: (_context, tracker, group) =>
          `${group}:${hasher.digest('client-address', tracker)}`,
        throttlers: RATE_LIMIT_GROUPS.map((group: RateLimitPolicy) => ({
          name: group,
          limit: config.rateLimits[group].limit,
          ttl: config.rateLimits[group].windowSeconds * 1000,
          skipIf: (context) => rateLimitPolicyOf(context) !== group,
        })),
      }),
    }),
  ],
  providers: [{ provide: APP_GUARD, useClass: RateLimitGuard }],
})
export class RateLimitModule {
  static readonly entities = ENTITIES;
}
