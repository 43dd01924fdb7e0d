/**
 * npm run verify-offline -- <token> <jwks-file>
 * Checks a mission-order credential as a checkpoint device would: no
 * network, no database, only the published public keys
 * (/.well-known/mission-order-keys.json saved to a file). Prints valid or
 * invalid and the claims; exit code 0 when valid, 1 otherwise. Revocations
 * are not known offline: compare sha256(orderNumber) with the last copy of
 * /api/v1/mission-orders/revocations when one is at hand.
 */
import { readFileSync } from 'node:fs';
import type { JSONWebKeySet } from 'jose';
import { OfflineResult, verifyCredential } from '../src/modules/mission-orders/credential';

export function verifyOffline(
  token: string,
  jwks: JSONWebKeySet,
  now: Date = new Date(),
): Promise<OfflineResult> {
  return verifyCredential(token.trim(), jwks, now);
}

async function main(argv: string[]): Promise<number> {
  const [token, jwksFile] = argv;
  if (!token || !jwksFile) {
    console.error('usage: npm run verify-offline -- <token> <jwks-file>');
    return 1;
  }
  let jwks: JSONWebKeySet;
  try {
    jwks = JSON.parse(readFileSync(jwksFile, 'utf8')) as JSONWebKeySet;
  } catch {
    console.error(`cannot read the key set ${jwksFile}`);
    return 1;
  }
  const result = await verifyOffline(token, jwks);
  if (!result.claims || result.status === 'invalid') {
    console.log('invalid: the signature does not match any published key');
    return 1;
  }
  const c = result.claims;
  console.log(`${result.valid ? 'valid' : 'invalid'} (${result.status}), key ${result.kid}`);
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
