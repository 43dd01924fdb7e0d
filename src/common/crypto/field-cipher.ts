import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { FieldKeys, KeyRingFileStore } from './key-ring';

/** Where a value lives: bound into the ciphertext, so a value copied elsewhere fails to decrypt. */
export interface FieldContext {
  table: string;
  column: string;
  rowId: string;
}

const PREFIX = 'enc:v1:';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
/** How often the key file is looked at for a rotation made by another process. */
const RELOAD_INTERVAL_MS = 1000;

export class DecryptionError extends Error {
  constructor(readonly context: FieldContext) {
    super(`cannot decrypt ${context.table}.${context.column} of ${context.rowId}`);
  }
}

function aad(context: FieldContext): Buffer {
  return Buffer.from(`${context.table}|${context.column}|${context.rowId}`, 'utf8');
}

/** The key id a stored value was encrypted with (null for anything else). */
export function keyIdOf(stored: string): string | null {
  if (!stored.startsWith(PREFIX)) return null;
  const end = stored.indexOf(':', PREFIX.length);
  return end > 0 ? stored.slice(PREFIX.length, end) : null;
}

/**
 * AES-256-GCM for sensitive columns: a random 96-bit nonce per value, the key
 * id in clear in front (`enc:v1:<kid>:<base64url(nonce|ciphertext|tag)>`),
 * and `table|column|rowId` as additional authenticated data.
 */
export class FieldCipher {
  private ring: FieldKeys;
  private checkedAt = 0;
  private loadedMtime: number;

  constructor(private readonly store: KeyRingFileStore) {
    this.ring = store.loadOrCreate();
    this.loadedMtime = store.modifiedAt();
  }

  get currentKeyId(): string {
    this.refresh(false);
    return this.ring.currentId;
  }

  encrypt(plaintext: string, context: FieldContext): string {
    this.refresh(false);
    const keyId = this.ring.currentId;
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.ring.keys.get(keyId)!, nonce);
    cipher.setAAD(aad(context));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `${PREFIX}${keyId}:${Buffer.concat([nonce, body, cipher.getAuthTag()]).toString('base64url')}`;
  }

  encryptNullable(plaintext: string | null | undefined, context: FieldContext): string | null {
    return plaintext === null || plaintext === undefined ? null : this.encrypt(plaintext, context);
  }

  decrypt(stored: string, context: FieldContext): string {
    const keyId = keyIdOf(stored);
    if (!keyId) throw new DecryptionError(context);
    let key = this.ring.keys.get(keyId);
    if (!key) {
      // A key added by a rotation in another process since we loaded the ring.
      this.refresh(true);
      key = this.ring.keys.get(keyId);
      if (!key) throw new DecryptionError(context);
    }
    const raw = Buffer.from(stored.slice(PREFIX.length + keyId.length + 1), 'base64url');
    if (raw.length < NONCE_BYTES + TAG_BYTES) throw new DecryptionError(context);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, NONCE_BYTES));
      decipher.setAAD(aad(context));
      decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
      return Buffer.concat([
        decipher.update(raw.subarray(NONCE_BYTES, raw.length - TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      throw new DecryptionError(context);
    }
  }

  decryptNullable(stored: string | null | undefined, context: FieldContext): string | null {
    return stored === null || stored === undefined ? null : this.decrypt(stored, context);
  }

  private refresh(force: boolean): void {
    const now = Date.now();
    if (!force && now - this.checkedAt < RELOAD_INTERVAL_MS) return;
    this.checkedAt = now;
    const mtime = this.store.modifiedAt();
    if (force || mtime !== this.loadedMtime) {
      this.ring = this.store.load();
      this.loadedMtime = mtime;
    }
  }
}
