import { randomBytes } from 'node:crypto';
import { BackupFileError, generateBackupKeyPair, openBackup, sealBackup } from './backup-envelope';

describe('backup envelope (X25519, HKDF-SHA-256, AES-256-GCM)', () => {
  const pair = generateBackupKeyPair();
  const plaintext = Buffer.from('dialogue_case\tBoubacar Ag-Sidi Maïga\n'.repeat(50), 'utf8');
  const sealed = sealBackup(plaintext, pair.publicPem);

  it('opens with the private key, and holds nothing of the plaintext', () => {
    expect(openBackup(sealed, pair.privatePem)).toEqual(plaintext);
    expect(sealed.includes(Buffer.from('Maïga', 'utf8'))).toBe(false);
    expect(sealed.length).toBe(plaintext.length + 8 + 32 + 12 + 16);
  });

  it('is a different file every time (a fresh ephemeral key and nonce)', () => {
    const again = sealBackup(plaintext, pair.publicPem);
    expect(again.subarray(8, 52).equals(sealed.subarray(8, 52))).toBe(false);
    expect(openBackup(again, pair.privatePem)).toEqual(plaintext);
  });

  it('refuses any changed byte, header included, a cut file and another identity', () => {
    for (let offset = 0; offset < sealed.length; offset += 37) {
      const changed = Buffer.from(sealed);
      changed[offset] ^= 0x40;
      expect(() => openBackup(changed, pair.privatePem)).toThrow(BackupFileError);
    }
    expect(() => openBackup(sealed.subarray(0, sealed.length - 1), pair.privatePem)).toThrow(
      BackupFileError,
    );
    expect(() => openBackup(sealed, generateBackupKeyPair().privatePem)).toThrow(BackupFileError);
    expect(() => openBackup(randomBytes(200), pair.privatePem)).toThrow(/not a Toguna backup/);
  });

  it('refuses keys that are not X25519 PEM', () => {
    expect(() => sealBackup(plaintext, 'not a key')).toThrow(BackupFileError);
    expect(() => openBackup(sealed, pair.publicPem)).toThrow(BackupFileError);
  });
});
