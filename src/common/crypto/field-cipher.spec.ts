import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DecryptionError, FieldCipher, keyIdOf } from './field-cipher';
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
