import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Reads a secret from the keys folder, creating it on first start. Several
 * instances may start together: the exclusive create lets one write it and
 * the others read what it wrote.
 */
export function loadOrCreateSecret(keysDir: string, name: string, bytes = 32): Buffer {
  mkdirSync(keysDir, { recursive: true, mode: 0o700 });
  const file = join(keysDir, name);
  if (!existsSync(file)) {
    try {
      writeFileSync(file, `${randomBytes(bytes).toString('base64')}\n`, {
        mode: 0o600,
        flag: 'wx',
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  const secret = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (secret.length < bytes) throw new Error(`Key file ${file} is shorter than ${bytes} bytes`);
  return secret;
}
