import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { FieldCipher } from './field-cipher';
import { KeyRingFileStore } from './key-ring';

/** The field cipher, on the key ring of the keys folder (created on first start). */
@Global()
@Module({
  providers: [
    {
      provide: FieldCipher,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new FieldCipher(new KeyRingFileStore(config.keysDir)),
    },
  ],
  exports: [FieldCipher],
})
export class CryptoModule {}
