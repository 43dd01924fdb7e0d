import { appendFileSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const ERASURE_REGISTER_FILE = 'erased-cases.txt';

/** How often the file is looked at for an erasure made by another instance. */
const RELOAD_INTERVAL_MS = 1000;

const CASE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A register's lines, trimmed, blank ones skipped. */
function linesOf(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

/** The case ids of a register's text, one a line; throws on a line that is not a case id. */
export function parseErasureRegister(text: string): string[] {
  const ids = linesOf(text);
  const bad = ids.findIndex((id) => !CASE_ID.test(id));
  if (bad >= 0) throw new Error(`not an erasure register: line "${ids[bad].slice(0, 40)}"`);
  return ids.map((id) => id.toLowerCase());
}

/** The union of registers' texts as a register's text: every id once, in first-seen order. */
export function mergeErasureRegisters(...texts: string[]): string {
  const ids = new Set(texts.flatMap(parseErasureRegister));
  return [...ids].map((id) => `${id}\n`).join('');
}

/**
 * The erased cases, by id, one per line (`<keys dir>/erased-cases.txt`),
 * appended to by every erasure. It lives with the keys, outside the
 * database, so that a database restored from a backup made before an
 * erasure, which still holds the case's wrapped key, does not bring the case
 * back: a case listed here reads as erased whatever its key row says, and
 * the application destroys such a key row again at start. It names no one:
 * case ids only.
 */
export class ErasureRegister {
  readonly file: string;
  private ids = new Set<string>();
  private checkedAt = 0;
  private loadedMtime = -1;

  constructor(keysDir: string) {
    mkdirSync(keysDir, { recursive: true, mode: 0o700 });
    this.file = join(keysDir, ERASURE_REGISTER_FILE);
  }

  has(caseId: string): boolean {
    this.refresh();
    return this.ids.has(caseId);
  }

  all(): string[] {
    this.refresh(true);
    return [...this.ids];
  }

  add(caseId: string): void {
    if (this.has(caseId)) return;
    appendFileSync(this.file, `${caseId}\n`, { mode: 0o600 });
    this.refresh(true);
  }

  private refresh(force = false): void {
    const now = Date.now();
    if (!force && now - this.checkedAt < RELOAD_INTERVAL_MS) return;
    this.checkedAt = now;
    const mtime = existsSync(this.file) ? statSync(this.file).mtimeMs : -1;
    if (mtime === this.loadedMtime && !force) return;
    this.loadedMtime = mtime;
    this.ids = new Set(mtime < 0 ? [] : linesOf(readFileSync(this.file, 'utf8')));
  }
}
