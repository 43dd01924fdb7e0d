import { Injectable, Optional } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AppError } from '../http/app-error';
import { ErasureRegister } from './erasure-register';
import { CASE_PREFIX, caseIdOf, FieldCipher, FieldContext, keyIdOf } from './field-cipher';

/** A loaded key stays usable at least this long: the request that loaded it has time to use it. */
const USE_MARGIN_MS = 30_000;
/** How deep `ready` looks into what a repository returns (rows, a row's lists). */
const MAX_DEPTH = 4;

/** Where a case's data key is bound when wrapped by the key ring. */
export function wrappedKeyContext(caseId: string): FieldContext {
  return { table: 'case_data_key', column: 'wrapped_key', rowId: caseId };
}

/** The case ids of the `enc:c1:` values found in rows (arrays and plain objects, a few levels). */
export function caseIdsIn(value: unknown, found = new Set<string>(), depth = 0): Set<string> {
  if (typeof value === 'string') {
    const caseId = value.startsWith(CASE_PREFIX) ? caseIdOf(value) : null;
    if (caseId) found.add(caseId);
  } else if (depth < MAX_DEPTH && Array.isArray(value)) {
    for (const item of value) caseIdsIn(item, found, depth + 1);
  } else if (
    depth < MAX_DEPTH &&
    value !== null &&
    typeof value === 'object' &&
    !(value instanceof Date) &&
    !Buffer.isBuffer(value)
  ) {
    for (const item of Object.values(value)) caseIdsIn(item, found, depth + 1);
  }
  return found;
}

interface KeyRow {
  caseId: string;
  wrappedKey: string | null;
}

/**
 * Per-case data keys (case_data_key). A repository that read rows holding
 * case values passes them through `ready` before anyone decrypts them; one
 * about to write a case value calls `forWrite(caseId)` first (the key is made
 * on the case's first sensitive write). FieldCipher then encrypts and
 * decrypts synchronously with the keys loaded here, kept briefly in memory.
 */
@Injectable()
export class CaseKeys {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
    @Optional() private readonly register?: ErasureRegister,
  ) {}

  /**
   * Loads the keys of the cases whose values `rows` hold; returns `rows`.
   * Given the caller's transaction, reads through it (no second connection).
   */
  async ready<T>(rows: T, tx?: EntityManager): Promise<T> {
    await this.load(caseIdsIn(rows), tx);
    return rows;
  }

  /** Loads these cases' keys (a case with no key row any more reads as erased). */
  async load(caseIds: Iterable<string>, tx?: EntityManager): Promise<void> {
    const ids = [...new Set(caseIds)];
    this.dropErased(ids);
    const missing = ids.filter((id) => !this.cipher.caseKeys.freshFor(id, USE_MARGIN_MS));
    if (missing.length === 0) return;
    const rows = await this.select(missing, tx);
    const byCase = new Map(rows.map((row) => [row.caseId, row]));
    for (const caseId of missing) this.remember(caseId, byCase.get(caseId)?.wrappedKey ?? null);
  }

  /**
   * Makes sure the case has a usable data key before a value of it is
   * written (creating it on first use, outside the caller's transaction so
   * that a key never vanishes with a rolled-back write; the key is looked
   * up through `tx` when given). 409 `case_erased` when the case's key was
   * destroyed.
   */
  async forWrite(caseId: string, tx?: EntityManager): Promise<void> {
    if (!(await this.loadForWrite(caseId, tx))) throw new AppError('case_erased');
  }

  /** Like forWrite, for tools: false (instead of 409) when the case's key was destroyed. */
  async loadForWrite(caseId: string, tx?: EntityManager): Promise<boolean> {
    this.dropErased([caseId]);
    if (this.cipher.caseKeys.freshFor(caseId, USE_MARGIN_MS)) {
      return this.cipher.caseKeys.get(caseId) !== null;
    }
    let row = (await this.select([caseId], tx))[0];
    if (!row) {
      const wrapped = this.cipher.encrypt(
        randomBytes(32).toString('base64'),
        wrappedKeyContext(caseId),
      );
      await this.dataSource.query(
        `INSERT INTO case_data_key (case_id, wrapped_key, key_id) VALUES ($1, $2, $3)
         ON CONFLICT (case_id) DO NOTHING`,
        [caseId, wrapped, keyIdOf(wrapped)],
      );
      row = (await this.select([caseId]))[0];
    }
    return this.remember(caseId, row.wrappedKey);
  }

  /**
   * Destroys the case's data key in `tx` (the row stays, key-less, so no key
   * is made for the case again). Call `erased` once `tx` committed.
   */
  async destroy(tx: EntityManager, caseId: string): Promise<void> {
    await tx.query(
      `INSERT INTO case_data_key (case_id, wrapped_key, key_id, destroyed_at)
       VALUES ($1, NULL, NULL, now())
       ON CONFLICT (case_id) DO UPDATE
         SET wrapped_key = NULL, key_id = NULL,
             destroyed_at = coalesce(case_data_key.destroyed_at, now())`,
      [caseId],
    );
  }

  /**
   * Once `destroy` committed: drops the key this process holds in memory and
   * lists the case in the erasure register of the keys folder.
   */
  erased(caseId: string): void {
    this.cipher.caseKeys.put(caseId, null);
    this.register?.add(caseId);
  }

  /** The cases of the erasure register. */
  registered(): string[] {
    return this.register?.all() ?? [];
  }

  /** The cases of the erasure register whose key row still holds a key (a restored database). */
  keptDespiteErasure(): Promise<string[]> {
    return this.withKey(this.registered());
  }

  /** Those of these cases whose key row still holds a key. */
  async withKey(caseIds: string[]): Promise<string[]> {
    if (caseIds.length === 0) return [];
    const rows: KeyRow[] = await this.select(caseIds);
    return rows.filter((row) => row.wrappedKey !== null).map((row) => row.caseId);
  }

  /**
   * Forgets the keys held in memory of cases erased since they were loaded,
   * by this instance or another one sharing the keys folder: the register is
   * re-read within a second of an erasure, well before the key would expire.
   */
  private dropErased(caseIds: string[]): void {
    for (const id of caseIds)
      if (this.cipher.caseKeys.get(id) && this.register?.has(id))
        this.cipher.caseKeys.put(id, null);
  }

  private select(caseIds: string[], tx?: EntityManager): Promise<KeyRow[]> {
    return (tx ?? this.dataSource.manager).query(
      `SELECT case_id AS "caseId", wrapped_key AS "wrappedKey"
         FROM case_data_key WHERE case_id = ANY($1::uuid[])`,
      [caseIds],
    );
  }

  /** Caches the case's key (none when destroyed or erased by the register); true when usable. */
  private remember(caseId: string, wrappedKey: string | null): boolean {
    const usable = wrappedKey !== null && !this.register?.has(caseId);
    this.cipher.caseKeys.put(
      caseId,
      usable
        ? Buffer.from(this.cipher.decrypt(wrappedKey, wrappedKeyContext(caseId)), 'base64')
        : null,
    );
    return usable;
  }
}
