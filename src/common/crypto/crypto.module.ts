import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { FieldCipher } from './field-cipher';
import { KeyRingFileStore } from './key-ring';
import { LookupHasher } from './lookup-hasher';

/** The field cipher and the lookup hasher, on keys of the keys folder (created on first start). */
@Global()
@Module({
  providers: [
    {
      provide: FieldCipher,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new FieldCipher(new KeyRingFileStore(config.keysDir)),
    },
    {
      provide: LookupHasher,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => LookupHasher.fromKeysDir(config.keysDir),
    },
  ],
  exports: [FieldCipher, LookupHasher],
})
export class CryptoModule {}
