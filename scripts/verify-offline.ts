/**
 * npm run verify-offline -- <token> <jwks-file> [<revocations-file>]
 * Checks a mission-order credential as a checkpoint device would: no
 * network, no database, only the published public keys
 * (/.well-known/mission-order-keys.json saved to a file) and, when given, a
 * saved copy of /api/v1/mission-orders/revocations (the ids of the ended
 * credentials). Prints valid or invalid and the claims; exit code 0 when
 * valid, 1 otherwise. With a revocation list, a credential without an id
 * (signed before ids existed) is not valid: only the online check can tell
 * whether it was revoked.
 */
import { readFileSync } from 'node:fs';
import type { JSONWebKeySet } from 'jose';
import {
  isRevoked,
  OfflineResult,
  verifyCredential,
} from '../src/modules/mission-orders/credential';

export type OfflineVerdict = Omit<OfflineResult, 'status'> & {
  status: OfflineResult['status'] | 'revoked' | 'revocation_unknown';
};

export async function verifyOffline(
  token: string,
  jwks: JSONWebKeySet,
  now: Date = new Date(),
  revoked?: readonly string[],
): Promise<OfflineVerdict> {
  const result = await verifyCredential(token.trim(), jwks, now);
  if (!revoked || !result.claims || result.status === 'invalid') return result;
  const ended = isRevoked(result.claims, revoked);
  if (ended === false) return result;
  return { ...result, valid: false, status: ended ? 'revoked' : 'revocation_unknown' };
}

function readJson<T>(file: string, what: string): T | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    console.error(`cannot read the ${what} ${file}`);
    return null;
  }
}

async function main(argv: string[]): Promise<number> {
  const [token, jwksFile, revocationsFile] = argv;
  if (!token || !jwksFile) {
    console.error('usage: npm run verify-offline -- <token> <jwks-file> [<revocations-file>]');
    return 1;
  }
  const jwks = readJson<JSONWebKeySet>(jwksFile, 'key set');
  if (!jwks) return 1;
  let revoked: string[] | undefined;
  if (revocationsFile) {
    const list = readJson<{ revoked?: unknown }>(revocationsFile, 'revocation list');
    if (!list || !Array.isArray(list.revoked)) return 1;
    revoked = list.revoked.filter((id): id is string => typeof id === 'string');
  }
  const result = await verifyOffline(token, jwks, new Date(), revoked);
  if (!result.claims || result.status === 'invalid') {
    console.log('invalid: the signature does not match any published key');
    return 1;
  }
  const c = result.claims;
  console.log(`${result.valid ? 'valid' : 'invalid'} (${result.status}), key ${result.kid}`);
  if (result.status === 'revocation_unknown') {
    console.log('  a credential signed before credential ids: check it online');
  }
  console.log(`  ordre de mission : ${c.orderNumber}`);
  console.log(`  titulaire        : ${c.holder.legalName}`);
  console.log(`  pièce d'identité : ${c.holder.idDocumentNumber}`);
  console.log(`  autorité         : ${c.authority.name}`);
  console.log(`  zones            : ${c.areas.map((a) => a.name).join(', ')}`);
  console.log(`  valable du       : ${c.validFrom}`);
  console.log(`  au               : ${c.validUntil}`);
  return result.valid ? 0 : 1;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
