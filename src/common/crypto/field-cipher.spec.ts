import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CaseKeyCache } from './case-key-cache';
import {
  CaseErasedError,
  caseIdOf,
  CaseKeyNotLoadedError,
  DecryptionError,
  ERASED,
  FieldCipher,
  keyIdOf,
} from './field-cipher';
import { KeyRingFileStore } from './key-ring';

describe('FieldCipher', () => {
  let dir: string;
  let store: KeyRingFileStore;
  let cipher: FieldCipher;
  const where = {
    table: 'app_user',
    column: 'legal_name',
    rowId: 'a7f3c0de-0000-4000-8000-000000000001',
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'toguna-keys-'));
    store = new KeyRingFileStore(dir);
    cipher = new FieldCipher(store);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('round-trips a value and never stores the plaintext', () => {
    const stored = cipher.encrypt('Aminata Traoré', where);
    expect(stored).toMatch(/^enc:v1:k\d{8}[0-9a-f]{6}:[A-Za-z0-9_-]+$/);
    expect(stored).not.toContain('Aminata');
    expect(cipher.decrypt(stored, where)).toBe('Aminata Traoré');
  });

  it('uses a fresh nonce for every value', () => {
    expect(cipher.encrypt('same', where)).not.toBe(cipher.encrypt('same', where));
  });

  it('detects a flipped byte', () => {
    const stored = cipher.encrypt('Dinangourou', where);
    const raw = Buffer.from(stored.split(':')[3], 'base64url');
    raw[raw.length - 20] ^= 0x01;
    const tampered = `${stored.split(':').slice(0, 3).join(':')}:${raw.toString('base64url')}`;
    expect(() => cipher.decrypt(tampered, where)).toThrow(DecryptionError);
  });

  it('refuses a value moved to another row or column', () => {
    const stored = cipher.encrypt('Dinangourou', where);
    expect(() =>
      cipher.decrypt(stored, { ...where, rowId: 'a7f3c0de-0000-4000-8000-000000000002' }),
    ).toThrow(DecryptionError);
    expect(() => cipher.decrypt(stored, { ...where, column: 'id_document_number' })).toThrow(
      DecryptionError,
    );
  });

  it('refuses plaintext and unknown key ids', () => {
    expect(() => cipher.decrypt('Aminata', where)).toThrow(DecryptionError);
    expect(() => cipher.decrypt('enc:v1:knope:AAAA', where)).toThrow(DecryptionError);
  });

  it('after a rotation by another process, encrypts with the new key and still decrypts the old', () => {
    const old = cipher.encrypt('before', where);
    const other = new KeyRingFileStore(dir);
    const next = other.addKey(true);
    // A second instance picks the new key up without a restart.
    const later = new FieldCipher(new KeyRingFileStore(dir)).encrypt('after', where);
    expect(keyIdOf(later)).toBe(next);
    expect(cipher.decrypt(later, where)).toBe('after');
    expect(cipher.decrypt(old, where)).toBe('before');
  });
});

describe('FieldCipher with case data keys', () => {
  let dir: string;
  let cipher: FieldCipher;
  const caseId = 'c0ffee00-0000-4000-8000-000000000001';
  const where = { table: 'meeting', column: 'location_detail', rowId: caseId, caseId };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'toguna-keys-'));
    cipher = new FieldCipher(new KeyRingFileStore(dir));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('encrypts a case value under the case key, named by the case, not the ring', () => {
    cipher.caseKeys.put(caseId, randomBytes(32));
    const stored = cipher.encrypt('Hameau du puits', where);
    expect(stored.startsWith(`enc:c1:${caseId}:`)).toBe(true);
    expect(caseIdOf(stored)).toBe(caseId);
    expect(keyIdOf(stored)).toBeNull();
    expect(cipher.decrypt(stored, where)).toBe('Hameau du puits');
    // The ring cannot open it: another cipher on the same ring, with another key for the case.
    const other = new FieldCipher(new KeyRingFileStore(dir));
    other.caseKeys.put(caseId, randomBytes(32));
    expect(() => other.decrypt(stored, where)).toThrow(DecryptionError);
  });

  it('reads a case value as ERASED once its key is destroyed, and refuses to write one', () => {
    cipher.caseKeys.put(caseId, randomBytes(32));
    const stored = cipher.encrypt('Hameau du puits', where);
    cipher.caseKeys.put(caseId, null);
    expect(cipher.decrypt(stored, where)).toBe(ERASED);
    expect(cipher.decrypt(cipher.shred(where), where)).toBe(ERASED);
    expect(() => cipher.encrypt('again', where)).toThrow(CaseErasedError);
  });

  it('refuses to use a case key that was not loaded', () => {
    expect(() => cipher.encrypt('x', where)).toThrow(CaseKeyNotLoadedError);
    expect(() => cipher.decrypt(`enc:c1:${caseId}:AAAA`, where)).toThrow(CaseKeyNotLoadedError);
  });
});

describe('CaseKeyCache', () => {
  it('forgets keys after their time and keeps at most its size, oldest loaded out first', () => {
    jest.useFakeTimers();
    try {
      const cache = new CaseKeyCache(1000, 2);
      const key = randomBytes(32);
      cache.put('a', key);
      expect(cache.get('a')).toBe(key);
      expect(cache.freshFor('a', 500)).toBe(true);
      jest.advanceTimersByTime(600);
      expect(cache.freshFor('a', 500)).toBe(false);
      jest.advanceTimersByTime(500);
      expect(cache.get('a')).toBeUndefined();
      cache.put('a', key);
      cache.put('b', null);
      cache.put('c', key);
      expect(cache.size).toBe(2);
      expect(cache.get('a')).toBeUndefined();
      expect(cache.get('b')).toBeNull();
    } finally {
      jest.useRealTimers();
    }
  });
});
