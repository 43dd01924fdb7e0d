/**
 * npm run keys:rotate-signing
 * Adds an Ed25519 mission-order signing key and makes it current. Older keys
 * stay in the ring: their public halves stay in
 * /.well-known/mission-order-keys.json so credentials they signed still
 * verify. A running API picks the new key up on its next signature.
 */
import { loadConfig } from '../config/app-config';
import { SigningKeyRingFileStore } from '../common/crypto/signing-key-ring';

function main(): number {
  const config = loadConfig();
  const store = new SigningKeyRingFileStore(config.keysDir);
  const kid = store.rotate();
  const ring = store.load();
  console.log(`keys:rotate-signing: current signing key ${kid}; ${ring.keys.size} keys published.`);
  return 0;
}

try {
  process.exit(main());
} catch (error: unknown) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
