import { randomBytes } from 'node:crypto';

/** Crockford's base32: no I, L, O or U, so a code read aloud or typed on a keypad is not misread. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const SMS_CODE_LENGTH = 6;
const SMS_CODE = /^[0-9A-HJKMNP-TV-Z]{6}$/;

/** A new accord's code: six random characters (30 bits), not derived from anything. */
export function newSmsCode(): string {
  return [...randomBytes(SMS_CODE_LENGTH)].map((byte) => CROCKFORD[byte & 31]).join('');
}

/**
 * The code as typed, in canonical form, or null when it cannot be one:
 * case ignored, O read as 0, I and L as 1 (Crockford's decoding rules).
 */
export function canonicalSmsCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/O/g, '0').replace(/[IL]/g, '1');
  return SMS_CODE.test(code) ? code : null;
}
