import type { VerifyResult } from './verify-types';

/**
 * The checkpoint's offline check: the published signing keys and the
 * revocation list (the random ids of ended credentials) are kept on the
 * device while online; without a connection the token's Ed25519 signature,
 * dates and id are checked here with WebCrypto.
 */
const KEYS = 'toguna.missionOrderKeys.v2';
/** Where lists of sha256(order number) were kept: meaningless for the ids, dropped. */
const FORMER_KEYS = 'toguna.missionOrderKeys';

interface Jwk extends JsonWebKey {
  kid?: string;
}
interface Kept {
  keys: Jwk[];
  revoked: string[];
  savedAt: number;
}

/** Refreshes the kept keys and revocations; silent when offline. */
export async function refreshKeys(): Promise<void> {
  try {
    const [jwks, revocations] = await Promise.all([
      fetch('/.well-known/mission-order-keys.json', { cache: 'no-store' }).then((r) =>
        r.ok ? (r.json() as Promise<{ keys: Jwk[] }>) : Promise.reject(new Error('keys')),
      ),
      fetch('/api/v1/mission-orders/revocations', { cache: 'no-store' }).then((r) =>
        r.ok ? (r.json() as Promise<{ revoked: string[] }>) : Promise.reject(new Error('rev')),
      ),
    ]);
    const kept: Kept = { keys: jwks.keys, revoked: revocations.revoked, savedAt: Date.now() };
    localStorage.setItem(KEYS, JSON.stringify(kept));
    localStorage.removeItem(FORMER_KEYS);
  } catch {
    // no connection: keep what we have
  }
}

export function keptKeysDate(): number | null {
  const raw = localStorage.getItem(KEYS);
  return raw ? (JSON.parse(raw) as Kept).savedAt : null;
}

const fromBase64Url = (text: string): Uint8Array<ArrayBuffer> => {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(bin, (ch) => ch.charCodeAt(0));
};

/** The result of checking a token on the device, or null when no keys are kept. */
export async function checkOffline(token: string): Promise<VerifyResult | null> {
  const raw = localStorage.getItem(KEYS);
  if (!raw) return null;
  const kept = JSON.parse(raw) as Kept;
  const invalid: VerifyResult = { valid: false, status: 'invalid', offlineKeysAt: kept.savedAt };
  try {
    const [head, body, signature] = token.trim().split('.');
    if (!head || !body || !signature) return invalid;
    const header = JSON.parse(new TextDecoder().decode(fromBase64Url(head))) as {
      alg?: string;
      kid?: string;
    };
    const jwk = kept.keys.find((k) => k.kid === header.kid);
    if (header.alg !== 'EdDSA' || !jwk) return invalid;
    let key: CryptoKey;
    try {
      key = await crypto.subtle.importKey(
        'jwk',
        { kty: jwk.kty, crv: jwk.crv, x: jwk.x },
        { name: 'Ed25519' },
        false,
        ['verify'],
      );
    } catch {
      return null; // this browser has no Ed25519: it cannot check offline
    }
    const signed = new TextEncoder().encode(`${head}.${body}`);
    if (!(await crypto.subtle.verify('Ed25519', key, fromBase64Url(signature), signed)))
      return invalid;
    const claims = JSON.parse(new TextDecoder().decode(fromBase64Url(body))) as VerifyResult & {
      jti?: string;
      orderNumber: string;
      validFrom: string;
      validUntil: string;
    };
    const now = Date.now();
    // Credentials signed before ids existed carry none: only the online check knows their revocation.
    const revocationUnknown = typeof claims.jti !== 'string';
    const status =
      !revocationUnknown && kept.revoked.includes(claims.jti!)
        ? 'revoked'
        : now < Date.parse(claims.validFrom)
          ? 'not_yet_valid'
          : now > Date.parse(claims.validUntil)
            ? 'expired'
            : 'approved';
    return {
      valid: status === 'approved',
      status,
      orderNumber: claims.orderNumber,
      holder: claims.holder,
      authority: claims.authority,
      areas: claims.areas,
      validFrom: claims.validFrom,
      validUntil: claims.validUntil,
      offlineKeysAt: kept.savedAt,
      ...(revocationUnknown ? { revocationUnknown } : {}),
    };
  } catch {
    // A malformed token.
    return invalid;
  }
}
