/** How long an unwrapped case key stays in memory after it was read from the database. */
export const CASE_KEY_TTL_MS = 60_000;
/** How many unwrapped case keys one process keeps at most (least recently loaded leave first). */
export const CASE_KEY_CACHE_SIZE = 5_000;

/**
 * Unwrapped case data keys, briefly: a key is read from case_data_key (and
 * unwrapped with the key ring) when a request needs it, then kept for
 * CASE_KEY_TTL_MS so that reading a page of rows costs one query. `null`
 * records a destroyed key (erased case). Bounded: the oldest entries leave.
 */
export class CaseKeyCache {
  private readonly entries = new Map<string, { key: Buffer | null; until: number }>();

  constructor(
    private readonly ttlMs = CASE_KEY_TTL_MS,
    private readonly max = CASE_KEY_CACHE_SIZE,
  ) {}

  /** The key (null: destroyed) while fresh; undefined when not loaded or expired. */
  get(caseId: string): Buffer | null | undefined {
    const entry = this.entries.get(caseId);
    if (!entry) return undefined;
    if (entry.until <= Date.now()) {
      this.entries.delete(caseId);
      return undefined;
    }
    return entry.key;
  }

  /** Whether the entry stays fresh for at least `marginMs` more (a request has time to use it). */
  freshFor(caseId: string, marginMs: number): boolean {
    const entry = this.entries.get(caseId);
    return entry !== undefined && entry.until - Date.now() >= marginMs;
  }

  put(caseId: string, key: Buffer | null): void {
    this.entries.delete(caseId);
    this.entries.set(caseId, { key, until: Date.now() + this.ttlMs });
    while (this.entries.size > this.max) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
