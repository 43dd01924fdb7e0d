import { DataSource, EntityManager } from 'typeorm';
import { CaseKeys } from './case-keys';
import { EncryptedColumnInfo, encryptedColumns } from './encrypted-columns';
import { FieldCipher } from './field-cipher';

/**
 * Values not under a case key: under the key ring (`enc:v1:`, written before
 * per-case keys or by an instance that had not loaded them), or anything else
 * (which rotation then refuses to take for ciphertext, as before).
 */
export const NOT_UNDER_CASE_KEY = `NOT LIKE 'enc:c1:%'`;

/** A case column's values that are not under a case key, with their case, as SQL. */
export function ringValuesOfCases(info: EncryptedColumnInfo & { caseIdSql: string }): string {
  return `SELECT ${info.table}.id AS id, ${info.table}.${info.column} AS value,
                 ${info.caseIdSql} AS "caseId"
            FROM ${info.table}
           WHERE ${info.table}.${info.column} ${NOT_UNDER_CASE_KEY}`;
}

/**
 * Moves values of cases from the key ring to their case's data key (made if
 * the case has none yet); a value of an erased case is shredded instead.
 * Rows of no case (null case id) are left to the caller.
 */
export async function moveToCaseKeys(
  tx: EntityManager,
  cipher: FieldCipher,
  keys: CaseKeys,
  info: EncryptedColumnInfo,
  rows: { id: string; value: string; caseId: string | null }[],
): Promise<number> {
  let moved = 0;
  for (const row of rows) {
    if (!row.caseId) continue;
    const where = { table: info.table, column: info.column, rowId: row.id, caseId: row.caseId };
    const fresh = (await keys.loadForWrite(row.caseId))
      ? cipher.encrypt(cipher.decrypt(row.value, where), where)
      : cipher.shred(where);
    await tx.query(`UPDATE ${info.table} SET ${info.column} = $2 WHERE id = $1`, [row.id, fresh]);
    moved++;
  }
  return moved;
}

/**
 * Erasure's part for values of the case still under the key ring: each is
 * shredded (sealed for the case under a throw-away key), since destroying
 * the case key would not reach them. Returns how many.
 */
export async function shredRingValuesOf(
  dataSource: DataSource,
  tx: EntityManager,
  cipher: FieldCipher,
  caseId: string,
): Promise<number> {
  let shredded = 0;
  for (const info of encryptedColumns(dataSource)) {
    if (!info.caseIdSql) continue;
    const rows: { id: string }[] = await tx.query(
      `SELECT id FROM (${ringValuesOfCases({ ...info, caseIdSql: info.caseIdSql })}) AS v
        WHERE v."caseId" = $1`,
      [caseId],
    );
    for (const row of rows) {
      const where = { table: info.table, column: info.column, rowId: row.id, caseId };
      await tx.query(`UPDATE ${info.table} SET ${info.column} = $2 WHERE id = $1`, [
        row.id,
        cipher.shred(where),
      ]);
      shredded++;
    }
  }
  return shredded;
}
