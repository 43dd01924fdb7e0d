import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { CaseKeyCache } from './case-key-cache';
import { FieldKeys, KeyRingFileStore } from './key-ring';

/** Where a value lives: bound into the ciphertext, so a value copied elsewhere fails to decrypt. */
export interface FieldContext {
  table: string;
  column: string;
  rowId: string;
  /** The dialogue case the value belongs to: encrypted under its data key (see CaseKeys). */
  caseId?: string | null;
}

const PREFIX = 'enc:v1:';
/** A value under a case data key: `enc:c1:<case id>:<base64url(nonce|ciphertext|tag)>`. */
export const CASE_PREFIX = 'enc:c1:';
/** What a field of an erased case reads as: its key is destroyed, the value is gone. */
export const ERASED = '[erased]';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
/** How often the key file is looked at for a rotation made by another process. */
const RELOAD_INTERVAL_MS = 1000;

export class DecryptionError extends Error {
  constructor(readonly context: FieldContext) {
    super(`cannot decrypt ${context.table}.${context.column} of ${context.rowId}`);
  }
}

/** A case value read or written before its case key was loaded (CaseKeys.load): a bug. */
export class CaseKeyNotLoadedError extends Error {
  constructor(readonly caseId: string) {
    super(`the data key of case ${caseId} is not loaded`);
  }
}

/** A value written to an erased case: its key is destroyed. */
export class CaseErasedError extends Error {
  constructor(readonly caseId: string) {
    super(`case ${caseId} is erased`);
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

/** The case a stored value is encrypted for (null for a key-ring value or anything else). */
export function caseIdOf(stored: string): string | null {
  if (!stored.startsWith(CASE_PREFIX)) return null;
  const end = stored.indexOf(':', CASE_PREFIX.length);
  return end > 0 ? stored.slice(CASE_PREFIX.length, end) : null;
}

function seal(key: Buffer, prefix: string, plaintext: string, context: FieldContext): string {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(aad(context));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `${prefix}${Buffer.concat([nonce, body, cipher.getAuthTag()]).toString('base64url')}`;
}

function open(key: Buffer, body: string, context: FieldContext): string {
  const raw = Buffer.from(body, 'base64url');
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

/**
 * AES-256-GCM for sensitive columns: a random 96-bit nonce per value, the key
 * id in clear in front (`enc:v1:<kid>:<base64url(nonce|ciphertext|tag)>`),
 * and `table|column|rowId` as additional authenticated data. A value of a
 * dialogue case (context with `caseId`) is encrypted under the case's data
 * key instead (`enc:c1:<case id>:…`), which CaseKeys loads into `caseKeys`
 * before the request uses it; once that key is destroyed the value reads as
 * ERASED.
 */
export class FieldCipher {
  /** Unwrapped case data keys, filled by CaseKeys. */
  readonly caseKeys = new CaseKeyCache();
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
    if (context.caseId) {
      const key = this.caseKey(context.caseId);
      if (key === null) throw new CaseErasedError(context.caseId);
      return seal(key, `${CASE_PREFIX}${context.caseId}:`, plaintext, context);
    }
    this.refresh(false);
    const keyId = this.ring.currentId;
    return seal(this.ring.keys.get(keyId)!, `${PREFIX}${keyId}:`, plaintext, context);
  }

  /**
   * A value of an erased case, sealed under a throw-away key: what a value
   * still under the key ring becomes when its case is found erased.
   */
  shred(context: FieldContext & { caseId: string }): string {
    return seal(randomBytes(32), `${CASE_PREFIX}${context.caseId}:`, '', context);
  }

  encryptNullable(plaintext: string | null | undefined, context: FieldContext): string | null {
    return plaintext === null || plaintext === undefined ? null : this.encrypt(plaintext, context);
  }

  decrypt(stored: string, context: FieldContext): string {
    const caseId = caseIdOf(stored);
    if (caseId) {
      const key = this.caseKey(caseId);
      return key === null
        ? ERASED
        : open(key, stored.slice(CASE_PREFIX.length + caseId.length + 1), context);
    }
    const keyId = keyIdOf(stored);
    if (!keyId) throw new DecryptionError(context);
    let key = this.ring.keys.get(keyId);
    if (!key) {
      // A key added by a rotation in another process since we loaded the ring.
      this.refresh(true);
      key = this.ring.keys.get(keyId);
      if (!key) throw new DecryptionError(context);
    }
    return open(key, stored.slice(PREFIX.length + keyId.length + 1), context);
  }

  decryptNullable(stored: string | null | undefined, context: FieldContext): string | null {
    return stored === null || stored === undefined ? null : this.decrypt(stored, context);
  }

  private caseKey(caseId: string): Buffer | null {
    const key = this.caseKeys.get(caseId);
    if (key === undefined) throw new CaseKeyNotLoadedError(caseId);
    return key;
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
