import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AppConfig } from '../../../config/app-config';
import { APP_CONFIG } from '../../../config/config.module';
import { loadOrCreateSecret } from '../../crypto/secret-files';
import { REQUEST_HASH_KEY, REQUEST_HASH_KEY_FILE } from './idempotency-key';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IdempotencyRepository } from './idempotency.repository';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdempotencyRecord } from './idempotency-record.entity';

/** The tables this module owns. */
const ENTITIES = [IdempotencyRecord];

/** Idempotency-Key on every authenticated POST (a global interceptor, after the guards). */
@Module({
  imports: [TypeOrmModule.forFeature(ENTITIES)],
  providers: [
    IdempotencyRepository,
    {
      provide: REQUEST_HASH_KEY,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): Buffer =>
        loadOrCreateSecret(config.keysDir, REQUEST_HASH_KEY_FILE, 32),
    },
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
  ],
})
export class IdempotencyModule {
  static readonly entities = ENTITIES;
}
