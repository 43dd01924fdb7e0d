import { dirname } from 'node:path';
import { DataSource } from 'typeorm';
import { CaseKeys, wrappedKeyContext } from './case-keys';
import { moveToCaseKeys, NOT_UNDER_CASE_KEY, ringValuesOfCases } from './case-values';
import { EncryptedColumnInfo, encryptedColumns } from './encrypted-columns';
import { ErasureRegister } from './erasure-register';
import { FieldCipher, keyIdOf } from './field-cipher';
import { KeyRingFileStore } from './key-ring';

const BATCH = 200;

export interface RotationReport {
  newKeyId: string;
  /** Values re-encrypted under the new ring key, or moved to their case's data key. */
  reencrypted: number;
  /** Case data keys wrapped again under the new ring key. */
  rewrapped: number;
  remainingOnOldKeys: number;
  retired: string[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The rows of the column still to do, as SQL: not under `$1`, or of a case and not under its key. */
function pending(info: EncryptedColumnInfo): string {
  const notUnderNew = `${info.table}.${info.column} NOT LIKE $1`;
  if (!info.caseIdSql) {
    return `SELECT id, ${info.column} AS value, NULL AS "caseId" FROM ${info.table}
             WHERE ${info.column} ${NOT_UNDER_CASE_KEY} AND ${notUnderNew}`;
  }
  return `${ringValuesOfCases({ ...info, caseIdSql: info.caseIdSql })}
            AND (${info.caseIdSql} IS NOT NULL OR ${notUnderNew})`;
}

/**
 * One batch of the column's values still to do, locked so that two rotations
 * share the work: values of a case move to the case's data key, the others
 * are re-encrypted under the current ring key.
 */
async function reencryptBatch(
  dataSource: DataSource,
  cipher: FieldCipher,
  keys: CaseKeys,
  info: EncryptedColumnInfo,
  keyId: string,
): Promise<number> {
  return dataSource.transaction(async (tx) => {
    const rows: { id: string; value: string; caseId: string | null }[] = await tx.query(
      `${pending(info)} ORDER BY id LIMIT ${BATCH} FOR UPDATE OF ${info.table} SKIP LOCKED`,
      [`enc:v1:${keyId}:%`],
    );
    await moveToCaseKeys(tx, cipher, keys, info, rows);
    for (const row of rows.filter((r) => !r.caseId)) {
      const where = { table: info.table, column: info.column, rowId: row.id };
      const fresh = cipher.encrypt(cipher.decrypt(row.value, where), where);
      await tx.query(`UPDATE ${info.table} SET ${info.column} = $2 WHERE id = $1`, [row.id, fresh]);
    }
    return rows.length;
  });
}

/** One batch of case data keys wrapped again under the current ring key. */
async function rewrapBatch(
  dataSource: DataSource,
  cipher: FieldCipher,
  keyId: string,
): Promise<number> {
  return dataSource.transaction(async (tx) => {
    const rows: { caseId: string; wrappedKey: string }[] = await tx.query(
      `SELECT case_id AS "caseId", wrapped_key AS "wrappedKey" FROM case_data_key
        WHERE wrapped_key IS NOT NULL AND key_id IS DISTINCT FROM $1
        ORDER BY case_id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
      [keyId],
    );
    for (const row of rows) {
      const where = wrappedKeyContext(row.caseId);
      const fresh = cipher.encrypt(cipher.decrypt(row.wrappedKey, where), where);
      await tx.query('UPDATE case_data_key SET wrapped_key = $2, key_id = $3 WHERE case_id = $1', [
        row.caseId,
        fresh,
        keyIdOf(fresh),
      ]);
    }
    return rows.length;
  });
}

async function countNotUnder(dataSource: DataSource, keyId: string): Promise<number> {
  let total = 0;
  for (const info of encryptedColumns(dataSource)) {
    const rows: { n: number }[] = await dataSource.query(
      `SELECT count(*)::int AS n FROM (${pending(info)}) AS p`,
      [`enc:v1:${keyId}:%`],
    );
    total += rows[0].n;
  }
  const keys: { n: number }[] = await dataSource.query(
    `SELECT count(*)::int AS n FROM case_data_key
      WHERE wrapped_key IS NOT NULL AND key_id IS DISTINCT FROM $1`,
    [keyId],
  );
  return total + keys[0].n;
}

/**
 * Rotates the field-encryption key while the API keeps serving:
 * 1. a new key is added, not yet current, so every instance can read it;
 * 2. after instances have reloaded the ring, it becomes current: new writes use it;
 * 3. every value under an older key is re-encrypted, in small locked batches
 *    (a value of a dialogue case still under the ring moves to its case's
 *    data key), and every case data key is wrapped again under the new key;
 * 4. with `retire`, older keys no value uses any more leave the ring.
 */
export async function rotateFieldKeys(
  dataSource: DataSource,
  store: KeyRingFileStore,
  options: { retire: boolean; reloadWaitMs?: number; log?: (line: string) => void },
): Promise<RotationReport> {
  const log = options.log ?? (() => undefined);
  const wait = options.reloadWaitMs ?? 2500;
  const newKeyId = store.addKey(false);
  log(`added key ${newKeyId}; waiting for instances to load it`);
  await sleep(wait);
  store.setCurrent(newKeyId);
  log(`key ${newKeyId} is current; waiting for instances to write with it`);
  await sleep(wait);

  const cipher = new FieldCipher(store);
  const keys = new CaseKeys(dataSource, cipher, new ErasureRegister(dirname(store.file)));
  let reencrypted = 0;
  let rewrapped = 0;
  // Repeat until a whole pass finds nothing: a write made with the old key
  // by an instance that had not reloaded yet is caught by the next pass.
  for (let pass = 0; pass < 10; pass++) {
    let found = 0;
    for (const info of encryptedColumns(dataSource)) {
      for (;;) {
        const n = await reencryptBatch(dataSource, cipher, keys, info, newKeyId);
        found += n;
        if (n < BATCH) break;
      }
    }
    let wrapped = 0;
    for (;;) {
      const n = await rewrapBatch(dataSource, cipher, newKeyId);
      wrapped += n;
      if (n < BATCH) break;
    }
    reencrypted += found;
    rewrapped += wrapped;
    log(`pass ${pass + 1}: re-encrypted ${found} values, rewrapped ${wrapped} case keys`);
    if (found + wrapped === 0) break;
    await sleep(wait);
  }
  const remainingOnOldKeys = await countNotUnder(dataSource, newKeyId);

  let retired: string[] = [];
  if (options.retire && remainingOnOldKeys === 0) {
    retired = [...store.load().keys.keys()].filter((id) => id !== newKeyId);
    store.retire(retired);
    log(`retired keys: ${retired.join(', ') || 'none'}`);
  }
  return { newKeyId, reencrypted, rewrapped, remainingOnOldKeys, retired };
}
