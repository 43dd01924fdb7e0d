import { generateKeyPairSync, JsonWebKey } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { newKeyId } from './key-ring';

export const SIGNING_KEY_FILE = 'mission-order-signing.json';

/** An Ed25519 key as JWK (OKP / Ed25519). */
export interface Ed25519Jwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  d?: string;
}

interface SigningRingFile {
  current: string;
  keys: Record<string, { privateJwk: Ed25519Jwk; publicJwk: Ed25519Jwk; createdAt: string }>;
}

export interface SigningKeys {
  currentKid: string;
  keys: Map<string, { privateJwk: Ed25519Jwk; publicJwk: Ed25519Jwk }>;
}

function newEd25519(): { privateJwk: Ed25519Jwk; publicJwk: Ed25519Jwk } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const priv: JsonWebKey = privateKey.export({ format: 'jwk' });
  const pub: JsonWebKey = publicKey.export({ format: 'jwk' });
  return {
    privateJwk: { kty: 'OKP', crv: 'Ed25519', x: String(priv.x), d: String(priv.d) },
    publicJwk: { kty: 'OKP', crv: 'Ed25519', x: String(pub.x) },
  };
}

function parse(text: string, file: string): SigningKeys {
  const data = JSON.parse(text) as SigningRingFile;
  const keys = new Map<string, { privateJwk: Ed25519Jwk; publicJwk: Ed25519Jwk }>();
  for (const [kid, pair] of Object.entries(data.keys ?? {})) {
    if (pair.publicJwk?.crv !== 'Ed25519' || !pair.privateJwk?.d) {
      throw new Error(`${file}: key ${kid} is not an Ed25519 key pair`);
    }
    keys.set(kid, { privateJwk: pair.privateJwk, publicJwk: pair.publicJwk });
  }
  if (!keys.has(data.current))
    throw new Error(`${file}: the current key ${data.current} is not in the ring`);
  return { currentKid: data.current, keys };
}

function write(file: string, data: SigningRingFile): void {
  // Write then rename: readers never see half a file.
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, file);
}

/**
 * The mission-order signing key ring (`<keys dir>/mission-order-signing.json`):
 * Ed25519 key pairs by `kid` and the one to sign with. Created with one key
 * on first start; `npm run keys:rotate-signing` adds a key and makes it
 * current. Retired keys stay so their public halves stay published and old
 * credentials still verify.
 */
export class SigningKeyRingFileStore {
  readonly file: string;

  constructor(keysDir: string) {
    mkdirSync(keysDir, { recursive: true, mode: 0o700 });
    this.file = join(keysDir, SIGNING_KEY_FILE);
  }

  loadOrCreate(): SigningKeys {
    if (!existsSync(this.file)) {
      const kid = newKeyId();
      try {
        writeFileSync(this.file, '', { flag: 'wx', mode: 0o600 });
        write(this.file, {
          current: kid,
          keys: { [kid]: { ...newEd25519(), createdAt: new Date().toISOString() } },
        });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
    return this.load();
  }

  load(): SigningKeys {
    return parse(readFileSync(this.file, 'utf8'), this.file);
  }

  modifiedAt(): number {
    return statSync(this.file).mtimeMs;
  }

  /** Adds a key pair and makes it current; the older ones stay (published, not used to sign). */
  rotate(): string {
    this.loadOrCreate();
    const data = JSON.parse(readFileSync(this.file, 'utf8')) as SigningRingFile;
    const kid = newKeyId();
    data.keys[kid] = { ...newEd25519(), createdAt: new Date().toISOString() };
    data.current = kid;
    write(this.file, data);
    return kid;
  }
}
