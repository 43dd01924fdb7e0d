import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const FIELD_KEY_FILE = 'field-keys.json';

interface KeyRingFile {
  current: string;
  keys: Record<string, string>;
}

export interface FieldKeys {
  currentId: string;
  keys: Map<string, Buffer>;
}

function parse(text: string, file: string): FieldKeys {
  const data = JSON.parse(text) as KeyRingFile;
  const keys = new Map<string, Buffer>();
  for (const [id, value] of Object.entries(data.keys ?? {})) {
    const key = Buffer.from(value, 'base64');
    if (key.length !== 32) throw new Error(`${file}: key ${id} is not 32 bytes`);
    keys.set(id, key);
  }
  if (!keys.has(data.current))
    throw new Error(`${file}: the current key ${data.current} is not in the ring`);
  return { currentId: data.current, keys };
}

function write(file: string, ring: FieldKeys): void {
  const data: KeyRingFile = {
    current: ring.currentId,
    keys: Object.fromEntries([...ring.keys].map(([id, key]) => [id, key.toString('base64')])),
  };
  // Write then rename: readers never see half a file.
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, file);
}

export function newKeyId(): string {
  return `k${new Date().toISOString().slice(0, 10).replace(/-/g, '')}${randomBytes(3).toString('hex')}`;
}

/**
 * The field-encryption key ring (`<keys dir>/field-keys.json`): every key
 * that may still be needed to decrypt, and the one to encrypt with. Created
 * with one key on first start; `npm run keys:rotate` adds keys.
 */
export class KeyRingFileStore {
  readonly file: string;

  constructor(keysDir: string) {
    mkdirSync(keysDir, { recursive: true, mode: 0o700 });
    this.file = join(keysDir, FIELD_KEY_FILE);
  }

  loadOrCreate(): FieldKeys {
    if (!existsSync(this.file)) {
      const id = newKeyId();
      const ring = { currentId: id, keys: new Map([[id, randomBytes(32)]]) };
      try {
        writeFileSync(this.file, '', { flag: 'wx', mode: 0o600 });
        write(this.file, ring);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
    return this.load();
  }

  load(): FieldKeys {
    return parse(readFileSync(this.file, 'utf8'), this.file);
  }

  modifiedAt(): number {
    return statSync(this.file).mtimeMs;
  }

  /** Adds a key; it becomes current only when `makeCurrent` (rotation does it in two steps). */
  addKey(makeCurrent: boolean): string {
    const ring = this.load();
    const id = newKeyId();
    ring.keys.set(id, randomBytes(32));
    if (makeCurrent) ring.currentId = id;
    write(this.file, ring);
    return id;
  }

  setCurrent(id: string): void {
    const ring = this.load();
    if (!ring.keys.has(id)) throw new Error(`no key ${id} in ${this.file}`);
    ring.currentId = id;
    write(this.file, ring);
  }

  /** Drops keys no value uses any more (the caller checks that first). */
  retire(ids: string[]): void {
    const ring = this.load();
    for (const id of ids) if (id !== ring.currentId) ring.keys.delete(id);
    write(this.file, ring);
  }
}
