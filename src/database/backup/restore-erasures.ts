import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  ERASURE_REGISTER_FILE,
  mergeErasureRegisters,
  parseErasureRegister,
} from '../../common/crypto/erasure-register';
import { RestoreRefusedError } from './restore-snapshot';

/**
 * The erasure register a restore leaves in the keys folder: the union of the
 * one already there (the live installation's: never replaced by an older
 * one), the backup's, and one kept elsewhere (`npm run restore -- --erased`).
 * Refused when one of them is not a register.
 */
export function mergedRegister(
  keysDir: string,
  backupKeys: Record<string, string>,
  extra?: string,
): { text: string; ids: string[] } {
  const target = join(keysDir, ERASURE_REGISTER_FILE);
  const texts = [
    existsSync(target) ? readFileSync(target, 'utf8') : '',
    Buffer.from(backupKeys[ERASURE_REGISTER_FILE] ?? '', 'base64').toString('utf8'),
    extra ?? '',
  ];
  try {
    const text = mergeErasureRegisters(...texts);
    return { text, ids: parseErasureRegister(text) };
  } catch (error) {
    throw new RestoreRefusedError(
      `the erasure register could not be read (${(error as Error).message}): nothing was restored`,
    );
  }
}

/**
 * Destroys, in the restored database, the data key of every case of the
 * register that still has one (a backup made before its erasure): from now
 * on no key ring opens those cases. The application finishes their erasure
 * at its next start (clear text, audit event). Returns how many keys.
 */
export async function destroyErasedKeys(url: string, caseIds: string[]): Promise<number> {
  if (caseIds.length === 0) return 0;
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ t: string | null }>(
      `SELECT to_regclass('public.case_data_key')::text AS t`,
    );
    if (rows[0].t === null) return 0;
    const result = await client.query(
      `UPDATE case_data_key
          SET wrapped_key = NULL, key_id = NULL, destroyed_at = coalesce(destroyed_at, now())
        WHERE case_id = ANY($1::uuid[]) AND wrapped_key IS NOT NULL`,
      [caseIds],
    );
    return result.rowCount ?? 0;
  } finally {
    await client.end();
  }
}
