import { Inject, Injectable } from '@nestjs/common';
import type { JSONWebKeySet } from 'jose';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { SigningKeyRingFileStore, SigningKeys } from '../../common/crypto/signing-key-ring';
import { CredentialClaims, OfflineResult, signCredential, verifyCredential } from './credential';

/**
 * Signs and checks mission-order credentials with the Ed25519 key ring of the
 * keys folder (created on first start). The ring is re-read when the file
 * changes, so `npm run keys:rotate-signing` takes effect without a restart.
 */
@Injectable()
export class MissionOrderSigningService {
  private readonly store: SigningKeyRingFileStore;
  private ring: SigningKeys;
  private loadedAt = 0;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.store = new SigningKeyRingFileStore(config.keysDir);
    this.ring = this.store.loadOrCreate();
    this.loadedAt = this.store.modifiedAt();
  }

  private current(): SigningKeys {
    const modified = this.store.modifiedAt();
    if (modified !== this.loadedAt) {
      this.ring = this.store.load();
      this.loadedAt = modified;
    }
    return this.ring;
  }

  /** Every public key, current and retired, each with its `kid`. */
  publicKeys(): JSONWebKeySet {
    return {
      keys: [...this.current().keys].map(([kid, pair]) => ({
        ...pair.publicJwk,
        kid,
        alg: 'EdDSA',
        use: 'sig',
      })),
    };
  }

  sign(claims: CredentialClaims): Promise<string> {
    const ring = this.current();
    const pair = ring.keys.get(ring.currentKid);
    if (!pair) throw new Error('no current signing key');
    return signCredential(claims, ring.currentKid, { ...pair.privateJwk });
  }

  verify(token: string, now?: Date): Promise<OfflineResult> {
    return verifyCredential(token, this.publicKeys(), now);
  }
}
