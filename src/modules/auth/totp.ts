import { authenticator } from 'otplib';

/** RFC 6238 as authenticator apps use it: SHA-1, 6 digits, 30 s steps. */
export const TOTP_STEP_SECONDS = 30;
/** Codes of the previous and the next step are accepted too (clock drift). */
export const TOTP_WINDOW_STEPS = 1;
export const TOTP_ISSUER = 'Toguna';
/** 160-bit secrets, as RFC 4226 recommends (32 base32 characters). */
const SECRET_BYTES = 20;

const totp = authenticator.clone({
  step: TOTP_STEP_SECONDS,
  digits: 6,
  window: TOTP_WINDOW_STEPS,
});

export function newTotpSecret(): string {
  return totp.generateSecret(SECRET_BYTES);
}

/** The `otpauth://totp/…` URL an authenticator app reads from a QR code. */
export function otpauthUrl(accountName: string, secret: string): string {
  return totp.keyuri(accountName, TOTP_ISSUER, secret);
}

/** The time step (seconds since the epoch ÷ 30) that `nowMs` falls in. */
export function timeStep(nowMs: number): number {
  return Math.floor(nowMs / 1000 / TOTP_STEP_SECONDS);
}

/**
 * The time step whose code `code` is, within ±1 step of `nowMs`, or null.
 * The caller accepts it only if it is later than the last step accepted
 * for that user (a code is good once).
 */
export function matchedStep(
  code: string,
  secret: string,
  nowMs: number = Date.now(),
): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totp.clone({ epoch: nowMs }).checkDelta(code, secret);
  return delta === null ? null : timeStep(nowMs) + delta;
}
