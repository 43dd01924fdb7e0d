import { createHmac, createSign, KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JWTPayload, SignJWT } from 'jose';

/** Builders for hand-made JWTs (the S7 forgery battery and session tests). */

export function b64urlJson(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** The payload of a JWT, read without verifying anything. */
export function decodeJwtPayload(token: string): Record<string, unknown> {
  const part = token.split('.')[1];
  if (part === undefined) throw new Error('not a JWT');
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** The session id (`sid`) named by an access token. */
export function sessionIdOf(accessToken: string): string {
  const sid = decodeJwtPayload(accessToken).sid;
  if (typeof sid !== 'string') throw new Error('access token without sid');
  return sid;
}

/** An unsigned token: `alg: none`, empty signature. */
export function unsignedToken(header: Record<string, unknown>, payload: unknown): string {
  return `${b64urlJson(header)}.${b64urlJson(payload)}.`;
}

/** HMAC-SHA256 over header.payload with any secret (HS256 built by hand). */
export function hs256Token(
  header: Record<string, unknown>,
  payload: unknown,
  secret: Buffer | string,
): string {
  const input = `${b64urlJson({ ...header, alg: 'HS256' })}.${b64urlJson(payload)}`;
  const signature = createHmac('sha256', secret).update(input).digest('base64url');
  return `${input}.${signature}`;
}

/** RS256 built by hand with any RSA private key. */
export function rs256Token(
  header: Record<string, unknown>,
  payload: unknown,
  privateKey: KeyObject,
): string {
  const input = `${b64urlJson({ ...header, alg: 'RS256' })}.${b64urlJson(payload)}`;
  const signature = createSign('RSA-SHA256').update(input).sign(privateKey).toString('base64url');
  return `${input}.${signature}`;
}

/** Keeps a token's header and signature but swaps its payload. */
export function withPayload(token: string, payload: unknown): string {
  const [header, , signature] = token.split('.');
  return `${header}.${b64urlJson(payload)}.${signature}`;
}

/** The API's real access-token key, as it reads it from its keys folder. */
export function readAccessTokenKey(keysDir: string): Uint8Array {
  const text = readFileSync(join(keysDir, 'access-token.key'), 'utf8').trim();
  return new Uint8Array(Buffer.from(text, 'base64'));
}

export interface SignOptions {
  alg?: string;
  /** Header `typ`; null leaves it out. */
  typ?: string | null;
  iss?: string;
  aud?: string;
  sub?: string;
  /** Omitted from the payload when undefined. */
  sid?: string;
  /** Seconds since the epoch. */
  iat?: number;
  exp?: number;
}

/** Signs a token with jose (HS256 unless told otherwise), exactly the claims given. */
export function signWith(key: Uint8Array, options: SignOptions): Promise<string> {
  const payload: JWTPayload = {};
  if (options.sid !== undefined) payload.sid = options.sid;
  const header: { alg: string; typ?: string } = { alg: options.alg ?? 'HS256' };
  if (options.typ !== null) header.typ = options.typ ?? 'at+jwt';
  let jwt = new SignJWT(payload).setProtectedHeader(header);
  if (options.sub !== undefined) jwt = jwt.setSubject(options.sub);
  if (options.iss !== undefined) jwt = jwt.setIssuer(options.iss);
  if (options.aud !== undefined) jwt = jwt.setAudience(options.aud);
  if (options.iat !== undefined) jwt = jwt.setIssuedAt(options.iat);
  if (options.exp !== undefined) jwt = jwt.setExpirationTime(options.exp);
  return jwt.sign(key);
}

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);
