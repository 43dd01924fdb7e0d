/**
 * The GSM 03.38 default alphabet and its extension table. A message made only
 * of these characters travels as one 160-character SMS; one character outside
 * them (ê, â, î, ô, û, curly quotes, emoji…) turns the whole message into
 * 70-character UCS-2, which costs more and splits sooner on basic phones.
 */
const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** Sent as two septets each (an escape, then the character). */
const EXTENSION = '^{}\\[~]|€\f';

const BASIC_SET = new Set(BASIC);
const EXTENSION_SET = new Set(EXTENSION);

/** One SMS of the GSM-7 alphabet holds this many septets. */
export const SMS_MAX_SEPTETS = 160;

/** Septets `text` takes in GSM-7, or null when a character is outside the alphabet. */
export function gsm7Length(text: string): number | null {
  let septets = 0;
  for (const ch of text) {
    if (BASIC_SET.has(ch)) septets += 1;
    else if (EXTENSION_SET.has(ch)) septets += 2;
    else return null;
  }
  return septets;
}

/** True when `text` is GSM-7 only and fits one SMS. */
export function fitsOneSms(text: string): boolean {
  const septets = gsm7Length(text);
  return septets !== null && septets > 0 && septets <= SMS_MAX_SEPTETS;
}
