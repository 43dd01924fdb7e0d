import { createDecipheriv } from 'node:crypto';
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

/**
 * A case opened and filled through the API by a mediator (`as.mediator`):
 * its place, notes, a party, a participant's real name, a transition's
 * reason; closed by `as.coordinator` if asked. Returns its id.
 */
export async function openCase(
  t: TestApp,
  as: Record<string, Record<string, string>>,
  areaId: string,
  label: string,
  close: boolean,
): Promise<string> {
  const s = secretsOf(label);
  const created = await t.http
    .post('/api/v1/cases')
    .set(as.mediator)
    .send({
      codeName: `Erasure-${label}`,
      areaId,
      type: 'intercommunity',
      summary: `Summary-${label}`,
      locationDetail: s.locationDetail,
      confidentialNotes: s.confidentialNotes,
    })
    .expect(201);
  const id = created.body.id as string;
  await t.http
    .post(`/api/v1/cases/${id}/parties`)
    .set(as.mediator)
    .send({ name: `Party-${label}`, kind: 'community', description: `About-${label}` })
    .expect(201);
  await t.http
    .post(`/api/v1/cases/${id}/participants`)
    .set(as.mediator)
    .send({
      pseudonym: `P-${label}`,
      role: 'negotiator',
      consentToRecordIdentity: true,
      realName: s.realName,
    })
    .expect(201);
  await t.http
    .post(`/api/v1/cases/${id}/transitions`)
    .set(as.mediator)
    .send({ to: 'suspended', reason: s.reason })
    .expect(200);
  if (close) {
    await t.http
      .post(`/api/v1/cases/${id}/transitions`)
      .set(as.coordinator)
      .send({ to: 'closed', reason: s.reason })
      .expect(200);
  }
  return id;
}

/** Whether any key of the keys folder's ring opens one of these stored values directly. */
export function ringKeyOpensAny(keysDir: string, values: { value: string }[]): boolean {
  const ring = new KeyRingFileStore(keysDir).load();
  return values.some(({ value }) => {
    const raw = Buffer.from(value.split(':')[3], 'base64url');
    return [...ring.keys.values()].some((key) => {
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(raw.length - 16));
      decipher.update(raw.subarray(12, raw.length - 16));
      try {
        decipher.final();
        return true;
      } catch {
        return false;
      }
    });
  });
}
