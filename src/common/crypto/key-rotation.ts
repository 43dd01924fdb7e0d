import { DataSource } from 'typeorm';
import { encryptedColumns } from './encrypted-columns';
import { FieldCipher } from './field-cipher';
import { KeyRingFileStore } from './key-ring';

const BATCH = 200;

export interface RotationReport {
  newKeyId: string;
  reencrypted: number;
  remainingOnOldKeys: number;
  retired: string[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Values of the column not yet under `keyId`, one batch, locked so that two rotations share the work. */
async function reencryptBatch(
  dataSource: DataSource,
  cipher: FieldCipher,
  table: string,
  column: string,
  keyId: string,
): Promise<number> {
  return dataSource.transaction(async (tx) => {
    const rows: { id: string; value: string }[] = await tx.query(
      `SELECT id, ${column} AS value FROM ${table}
        WHERE ${column} IS NOT NULL AND ${column} NOT LIKE $1
        ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
      [`enc:v1:${keyId}:%`],
    );
    for (const row of rows) {
      const where = { table, column, rowId: row.id };
      const fresh = cipher.encrypt(cipher.decrypt(row.value, where), where);
      await tx.query(`UPDATE ${table} SET ${column} = $2 WHERE id = $1`, [row.id, fresh]);
    }
    return rows.length;
  });
}

async function countNotUnder(dataSource: DataSource, keyId: string): Promise<number> {
  let total = 0;
  for (const { table, column } of encryptedColumns(dataSource)) {
    const rows: { n: number }[] = await dataSource.query(
      `SELECT count(*)::int AS n FROM ${table} WHERE ${column} IS NOT NULL AND ${column} NOT LIKE $1`,
      [`enc:v1:${keyId}:%`],
    );
    total += rows[0].n;
  }
  return total;
}

/**
 * Rotates the field-encryption key while the API keeps serving:
 * 1. a new key is added, not yet current, so every instance can read it;
 * 2. after instances have reloaded the ring, it becomes current: new writes use it;
 * 3. every value under an older key is re-encrypted, in small locked batches;
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
  let reencrypted = 0;
  // Repeat until a whole pass finds nothing: a write made with the old key
  // by an instance that had not reloaded yet is caught by the next pass.
  for (let pass = 0; pass < 10; pass++) {
    let found = 0;
    for (const { table, column } of encryptedColumns(dataSource)) {
      for (;;) {
        const n = await reencryptBatch(dataSource, cipher, table, column, newKeyId);
        found += n;
        if (n < BATCH) break;
      }
    }
    reencrypted += found;
    log(`pass ${pass + 1}: re-encrypted ${found} values`);
    if (found === 0) break;
    await sleep(wait);
  }
  const remainingOnOldKeys = await countNotUnder(dataSource, newKeyId);

  let retired: string[] = [];
  if (options.retire && remainingOnOldKeys === 0) {
    retired = [...store.load().keys.keys()].filter((id) => id !== newKeyId);
    store.retire(retired);
    log(`retired keys: ${retired.join(', ') || 'none'}`);
  }
  return { newKeyId, reencrypted, remainingOnOldKeys, retired };
}
