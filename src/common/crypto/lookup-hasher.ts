import { createHmac } from 'node:crypto';
import { loadOrCreateSecret } from './secret-files';

export const LOOKUP_KEY_FILE = 'lookup.key';

/**
 * Keyed hashes (HMAC-SHA-256) for values that must be found again but never
 * stored in clear: client addresses, names tried at sign-in. A plain hash
 * would not do: every IPv4 address can be hashed in minutes. The key lives
 * in the keys folder, shared by every instance like the field key ring.
 */
export class LookupHasher {
  constructor(private readonly key: Buffer) {}

  static fromKeysDir(keysDir: string): LookupHasher {
    return new LookupHasher(loadOrCreateSecret(keysDir, LOOKUP_KEY_FILE, 32));
  }

  /** base64url (43 characters); `purpose` keeps one kind of value from matching another. */
  digest(purpose: string, value: string): string {
    return createHmac('sha256', this.key).update(`${purpose}\0${value}`).digest('base64url');
  }
}
