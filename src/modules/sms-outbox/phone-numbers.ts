import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** Numbers typed without a country code are Malian (8 digits become +223…). */
const DEFAULT_COUNTRY = 'ML';

/**
 * A typed number as E.164 (`+22376123456`), or null when it is not a
 * possible mobile or fixed number. `76 12 34 56`, `0022376123456` and
 * `+223 76 12 34 56` all give `+22376123456`.
 */
export function normalisePhoneNumber(input: string): string | null {
  const typed = input.trim().replace(/^00/, '+');
  if (!/^\+?[\d\s().-]{6,24}$/.test(typed)) return null;
  const parsed = parsePhoneNumberFromString(typed, DEFAULT_COUNTRY);
  if (!parsed || !parsed.isValid()) return null;
  return parsed.number;
}

/**
 * An E.164 number with everything but its country code and last four digits
 * hidden, in pairs: `+22376123456` → `+223 ** ** 34 56`.
 */
export function maskPhoneNumber(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  const country = parsed ? `+${parsed.countryCallingCode}` : e164.slice(0, 4);
  const national = parsed ? String(parsed.nationalNumber) : e164.slice(4);
  const hidden = Math.max(national.length - 4, 0);
  const pairs: string[] = [];
  for (let i = 0; i < hidden; i += 2) pairs.push('*'.repeat(Math.min(2, hidden - i)));
  const tail = national.slice(hidden);
  for (let i = 0; i < tail.length; i += 2) pairs.push(tail.slice(i, i + 2));
  return [country, ...pairs].join(' ');
}

/**
 * Whether a message may be answered: only full international numbers of a
 * person's phone. Short codes and alphanumeric senders (operators, banks,
 * other automatic systems) get no reply, so two machines cannot loop.
 */
export function isReplyableSender(from: string): boolean {
  return /^\+[1-9]\d{7,14}$/.test(from) && normalisePhoneNumber(from) === from;
}
