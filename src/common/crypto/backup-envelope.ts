import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  KeyObject,
  randomBytes,
} from 'node:crypto';

/**
 * The encryption of a backup file, to a backup *public* key: the server that
 * makes backups holds only the public half and cannot read them.
 *
 * File layout: `TGBK` `v1\0\0` (8 bytes) | ephemeral X25519 public key (32) |
 * nonce (12) | AES-256-GCM ciphertext | tag (16). The key is
 * HKDF-SHA-256(X25519(ephemeral, recipient), salt = ephemeral | recipient,
 * info = "toguna backup v1"); the 52-byte header is additional authenticated
 * data, so any change to the file, header included, is refused.
 */
const MAGIC = Buffer.from('TGBKv1\0\0', 'latin1');
const PUBLIC_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = MAGIC.length + PUBLIC_BYTES + NONCE_BYTES;
const INFO = Buffer.from('toguna backup v1', 'utf8');

export class BackupFileError extends Error {}

export interface BackupKeyPair {
  /** SPKI PEM: goes to the server. */
  publicPem: string;
  /** PKCS#8 PEM: stays off the server. */
  privatePem: string;
}

export function generateBackupKeyPair(): BackupKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  return {
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

function rawPublic(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  if (jwk.crv !== 'X25519' || typeof jwk.x !== 'string')
    throw new BackupFileError('not an X25519 key');
  return Buffer.from(jwk.x, 'base64url');
}

function publicFromRaw(raw: Buffer): KeyObject {
  return createPublicKey({
    key: { kty: 'OKP', crv: 'X25519', x: raw.toString('base64url') },
    format: 'jwk',
  });
}

function fileKey(shared: Buffer, ephemeral: Buffer, recipient: Buffer): Buffer {
  const salt = Buffer.concat([ephemeral, recipient]);
  return Buffer.from(hkdfSync('sha256', shared, salt, INFO, 32));
}

function readPublicKey(pem: string): KeyObject {
  try {
    const key = createPublicKey(pem);
    rawPublic(key);
    return key;
  } catch {
    throw new BackupFileError('the backup public key is not an X25519 public key (PEM)');
  }
}

function readPrivateKey(pem: string): KeyObject {
  try {
    const key = createPrivateKey(pem);
    if (key.asymmetricKeyType !== 'x25519') throw new Error();
    return key;
  } catch {
    throw new BackupFileError('the identity is not an X25519 private key (PEM)');
  }
}

/** Encrypts `plaintext` to the holder of the private half of `recipientPem`. */
export function sealBackup(plaintext: Buffer, recipientPem: string): Buffer {
  const recipient = readPublicKey(recipientPem);
  const ephemeral = generateKeyPairSync('x25519');
  const ephemeralRaw = rawPublic(ephemeral.publicKey);
  const shared = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: recipient });
  const key = fileKey(shared, ephemeralRaw, rawPublic(recipient));
  const nonce = randomBytes(NONCE_BYTES);
  const header = Buffer.concat([MAGIC, ephemeralRaw, nonce]);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(header);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([header, body, cipher.getAuthTag()]);
}

/** Decrypts a sealed backup; throws BackupFileError for another key or any change to the file. */
export function openBackup(file: Buffer, identityPem: string): Buffer {
  if (file.length < HEADER_BYTES + TAG_BYTES || !file.subarray(0, MAGIC.length).equals(MAGIC))
    throw new BackupFileError('not a Toguna backup file (v1)');
  const identity = readPrivateKey(identityPem);
  const header = file.subarray(0, HEADER_BYTES);
  const ephemeralRaw = header.subarray(MAGIC.length, MAGIC.length + PUBLIC_BYTES);
  const nonce = header.subarray(MAGIC.length + PUBLIC_BYTES);
  let shared: Buffer;
  try {
    shared = diffieHellman({ privateKey: identity, publicKey: publicFromRaw(ephemeralRaw) });
  } catch {
    throw new BackupFileError('the backup file is damaged or was altered');
  }
  const key = fileKey(shared, ephemeralRaw, rawPublic(createPublicKey(identity)));
  const decipher = createDecipheriv('aes-256-gcm', key, nonce);
  decipher.setAAD(header);
  decipher.setAuthTag(file.subarray(file.length - TAG_BYTES));
  try {
    return Buffer.concat([
      decipher.update(file.subarray(HEADER_BYTES, file.length - TAG_BYTES)),
      decipher.final(),
    ]);
  } catch {
    throw new BackupFileError(
      'the backup file was altered, is damaged, or was not made for this identity: refused',
    );
  }
}
