import { DataSource } from 'typeorm';
import { CaseKeys } from '../../src/common/crypto/case-keys';
import { encryptedColumns } from '../../src/common/crypto/encrypted-columns';
import { ErasureRegister } from '../../src/common/crypto/erasure-register';
import { FieldCipher } from '../../src/common/crypto/field-cipher';
import { KeyRingFileStore } from '../../src/common/crypto/key-ring';
import { TestApp } from './test-app';

/** The sensitive values a test writes into a case, recognisable by their label. */
export interface CaseSecrets {
  locationDetail: string;
  confidentialNotes: string;
  realName: string;
  reason: string;
}

export const secretsOf = (label: string): CaseSecrets => ({
  locationDetail: `Hameau-${label}-près-du-puits`,
  confidentialNotes: `Note-${label}-chef-de-village`,
  realName: `Boureima-${label}-Maïga`,
  reason: `Raison-${label}-confidentielle`,
});

/**
 * A cipher and key loader of their own over the app's keys folder and
 * database: what someone holding both has, outside the application.
 */
export function outsideReader(t: TestApp): { cipher: FieldCipher; keys: CaseKeys } {
  const cipher = new FieldCipher(new KeyRingFileStore(t.config.keysDir));
  const register = new ErasureRegister(t.config.keysDir);
  return { cipher, keys: new CaseKeys(t.app.get(DataSource), cipher, register) };
}

/** Every encrypted value of a case's rows, in every table that holds case values. */
export async function storedValuesOf(
  t: TestApp,
  caseId: string,
): Promise<{ table: string; column: string; rowId: string; value: string }[]> {
  const found: { table: string; column: string; rowId: string; value: string }[] = [];
  for (const info of encryptedColumns(t.app.get(DataSource))) {
    if (!info.caseIdSql) continue;
    const { rows } = await t.db.query<{ id: string; value: string }>(
      `SELECT ${info.table}.id, ${info.table}.${info.column} AS value FROM ${info.table}
        WHERE ${info.caseIdSql} = $1 AND ${info.table}.${info.column} IS NOT NULL`,
      [caseId],
    );
    for (const row of rows) {
      found.push({ table: info.table, column: info.column, rowId: row.id, value: row.value });
    }
  }
  return found;
}
