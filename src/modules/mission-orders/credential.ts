import { CompactSign, compactVerify, createLocalJWKSet, importJWK, JSONWebKeySet, JWK } from 'jose';

/** The only purpose a credential states: nothing about cases or parties. */
export const CREDENTIAL_PURPOSE = 'mission de médiation';
export const CREDENTIAL_TYPE = 'toguna-mission-order+jws';

/** A credential identifier: 128 random bits, base64url. */
export const CREDENTIAL_ID = /^[A-Za-z0-9_-]{22}$/;

/**
 * What a checkpoint needs and nothing more: order number, holder's legal
 * name and ID-document number, issuing authority, area names, validity window,
 * and the credential's random identifier (`jti`), which the revocation list
 * publishes once the credential ends. Credentials signed before identifiers
 * existed have none.
 */
export interface CredentialClaims {
  jti?: string;
  orderNumber: string;
  holder: { legalName: string; idDocumentNumber: string };
  authority: { name: string };
  areas: { name: string }[];
  purpose: string;
  validFrom: string;
  validUntil: string;
  issuedAt: string;
}

export type OfflineStatus = 'approved' | 'expired' | 'not_yet_valid' | 'invalid';

export interface OfflineResult {
  valid: boolean;
  status: OfflineStatus;
  kid?: string;
  claims?: CredentialClaims;
}

/** Signs the claims as a compact JWS (EdDSA / Ed25519) with `kid` in the header. */
export async function signCredential(
  claims: CredentialClaims,
  kid: string,
  privateJwk: JWK,
): Promise<string> {
  const key = await importJWK({ ...privateJwk, alg: 'EdDSA' }, 'EdDSA');
  return new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
    .setProtectedHeader({ alg: 'EdDSA', kid, typ: CREDENTIAL_TYPE })
    .sign(key);
}

function isString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= 500;
}

function asClaims(value: unknown): CredentialClaims | null {
  if (typeof value !== 'object' || value === null) return null;
  const c = value as Record<string, unknown>;
  const holder = c.holder as Record<string, unknown> | undefined;
  const authority = c.authority as Record<string, unknown> | undefined;
  if (
    (c.jti !== undefined && !(typeof c.jti === 'string' && CREDENTIAL_ID.test(c.jti))) ||
    !isString(c.orderNumber) ||
    !holder ||
    !isString(holder.legalName) ||
    !isString(holder.idDocumentNumber) ||
    !authority ||
    !isString(authority.name) ||
    !Array.isArray(c.areas) ||
    !c.areas.every(
      (a) => typeof a === 'object' && a !== null && isString((a as { name?: unknown }).name),
    ) ||
    !isString(c.validFrom) ||
    !isString(c.validUntil) ||
    Number.isNaN(Date.parse(c.validFrom)) ||
    Number.isNaN(Date.parse(c.validUntil))
  ) {
    return null;
  }
  return {
    ...(typeof c.jti === 'string' ? { jti: c.jti } : {}),
    orderNumber: c.orderNumber,
    holder: { legalName: holder.legalName, idDocumentNumber: holder.idDocumentNumber },
    authority: { name: authority.name },
    areas: (c.areas as { name: string }[]).map((a) => ({ name: a.name })),
    purpose: isString(c.purpose) ? c.purpose : CREDENTIAL_PURPOSE,
    validFrom: c.validFrom,
    validUntil: c.validUntil,
    issuedAt: isString(c.issuedAt) ? c.issuedAt : '',
  };
}

/**
 * Checks a credential with nothing but the published keys (no network, no
 * database): the signature against a key of the set (by `kid`), then the
 * validity window. Anything malformed is `invalid`, never an exception.
 * Revocation is checked online, or against a copy of the published
 * revocation list (`isRevoked`).
 */
export async function verifyCredential(
  token: string,
  jwks: JSONWebKeySet,
  now: Date = new Date(),
): Promise<OfflineResult> {
  try {
    if (typeof token !== 'string' || token.length > 4096)
      return { valid: false, status: 'invalid' };
    const { payload, protectedHeader } = await compactVerify(token, createLocalJWKSet(jwks), {
      algorithms: ['EdDSA'],
    });
    if (protectedHeader.typ !== CREDENTIAL_TYPE || !protectedHeader.kid) {
      return { valid: false, status: 'invalid' };
    }
    const claims = asClaims(JSON.parse(new TextDecoder().decode(payload)));
    if (!claims) return { valid: false, status: 'invalid' };
    const t = now.getTime();
    const status: OfflineStatus =
      t < Date.parse(claims.validFrom)
        ? 'not_yet_valid'
        : t > Date.parse(claims.validUntil)
          ? 'expired'
          : 'approved';
    return { valid: status === 'approved', status, kid: protectedHeader.kid, claims };
  } catch {
    return { valid: false, status: 'invalid' };
  }
}

/**
 * Whether a saved copy of the revocation list (`GET /api/v1/mission-orders/
 * revocations`) ends this credential: true or false by its `jti`; null when
 * the credential has none (signed before identifiers existed), whose
 * revocation only the online check can tell.
 */
export function isRevoked(claims: CredentialClaims, revoked: readonly string[]): boolean | null {
  return claims.jti === undefined ? null : revoked.includes(claims.jti);
}
