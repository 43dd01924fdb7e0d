import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { CaseDataKey } from './case-data-key.entity';
import { CaseKeys } from './case-keys';
import { ErasureRegister } from './erasure-register';
import { FieldCipher } from './field-cipher';
import { KeyRingFileStore } from './key-ring';
import { LookupHasher } from './lookup-hasher';

/** The tables this module owns. */
const ENTITIES = [CaseDataKey];

/**
 * The field cipher, the per-case data keys and the lookup hasher, on keys of
 * the keys folder (created on first start).
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature(ENTITIES)],
  providers: [
    {
      provide: FieldCipher,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new FieldCipher(new KeyRingFileStore(config.keysDir)),
    },
    {
      provide: ErasureRegister,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new ErasureRegister(config.keysDir),
    },
    CaseKeys,
    {
      provide: LookupHasher,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => LookupHasher.fromKeysDir(config.keysDir),
    },
  ],
  exports: [FieldCipher, CaseKeys, LookupHasher],
})
export class CryptoModule {
  static readonly entities = ENTITIES;
}
