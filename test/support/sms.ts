import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import TestAgent from 'supertest/lib/agent';
import { FieldCipher } from '../../src/common/crypto/field-cipher';
import { LookupHasher } from '../../src/common/crypto/lookup-hasher';
import { smsNumberHash } from '../../src/modules/sms-outbox';
import { twilioSignature } from '../../src/modules/sms/sms-gateways';
import { TestApp } from './test-app';

export const SMS_SECRET = `whsec_${Buffer.from('a test secret of thirty-two bytes').toString('base64')}`;
export const AT_TOKEN = 'at-token-0123456789abcdefghijkl';
export const RAPIDPRO_TOKEN = 'rp-token-0123456789abcdefghijkl';
export const TWILIO_AUTH_TOKEN = 'twilio-auth-token-0123456789';
export const PUBLIC_URL = 'https://toguna.example.org';

/** Every SMS gateway on. */
export const SMS_ENV: Record<string, string> = {
  TOGUNA_SMS_SECRET: SMS_SECRET,
  TOGUNA_SMS_AT_TOKEN: AT_TOKEN,
  TOGUNA_SMS_RAPIDPRO_TOKEN: RAPIDPRO_TOKEN,
  TOGUNA_SMS_TWILIO_AUTH_TOKEN: TWILIO_AUTH_TOKEN,
  TOGUNA_PUBLIC_URL: PUBLIC_URL,
};

/** Standard Webhooks headers for `body`, signed with `secret` at `timestamp`. */
export function webhookHeaders(
  body: string,
  options: { id?: string; timestamp?: Date; secret?: string } = {},
): Record<string, string> {
  const id = options.id ?? `msg_${randomUUID()}`;
  const timestamp = options.timestamp ?? new Date();
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
    'webhook-signature': new Webhook(options.secret ?? SMS_SECRET).sign(id, timestamp, body),
  };
}

/** Posts an SMS to the generic route, correctly signed unless told otherwise. */
export function sendSms(
  http: TestAgent,
  from: string,
  text: string,
  options: { id?: string; receivedAt?: Date; timestamp?: Date; secret?: string } = {},
) {
  const body = JSON.stringify({
    id: options.id ?? randomUUID(),
    from,
    text,
    receivedAt: (options.receivedAt ?? new Date()).toISOString(),
  });
  return http.post('/api/v1/sms/inbound/generic').set(webhookHeaders(body, options)).send(body);
}

/** Posts a form as Twilio does, signed with the auth token over the public URL. */
export function sendTwilio(
  http: TestAgent,
  params: Record<string, string>,
  token = TWILIO_AUTH_TOKEN,
) {
  const path = '/api/v1/sms/inbound/twilio';
  return http
    .post(path)
    .set('content-type', 'application/x-www-form-urlencoded')
    .set('x-twilio-signature', twilioSignature(token, `${PUBLIC_URL}${path}`, params))
    .send(new URLSearchParams(params).toString());
}

/**
 * Gives a registered number a known pending code (the code the application
 * sent is only kept as a keyed hash).
 */
export async function setPendingCode(t: TestApp, phoneId: string, code: string): Promise<void> {
  const hash = t.app.get(LookupHasher).digest('phone-code', `${phoneId}:${code}`);
  await t.db.query(
    `UPDATE phone_number SET code_hash = $2, code_expires_at = now() + interval '1 hour',
            code_attempts = 0 WHERE id = $1`,
    [phoneId, hash],
  );
}

export async function countRows(t: TestApp, table: string, where = 'true'): Promise<number> {
  const { rows } = await t.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${table} WHERE ${where}`,
  );
  return rows[0].n;
}

/** The texts queued for a number (decrypted), oldest first, with their purpose. */
export async function queuedTo(
  t: TestApp,
  e164: string,
): Promise<{ text: string; purpose: string }[]> {
  const { rows } = await t.db.query<{ id: string; text: string; purpose: string }>(
    'SELECT id, text, purpose FROM sms_outbox WHERE to_hash = $1 ORDER BY created_at, id',
    [smsNumberHash(t.app.get(LookupHasher), e164)],
  );
  const cipher = t.app.get(FieldCipher);
  return rows.map((r) => ({
    purpose: r.purpose,
    text: cipher.decrypt(r.text, { table: 'sms_outbox', column: 'text', rowId: r.id }),
  }));
}

/** The code in the last verification SMS queued for a number. */
export async function codeSentTo(t: TestApp, e164: string): Promise<string> {
  const codes = (await queuedTo(t, e164)).filter((m) => m.purpose === 'verification');
  const code = /\b(\d{6})\b/.exec(codes[codes.length - 1]?.text ?? '')?.[1];
  if (!code) throw new Error('no verification code was queued for this number');
  return code;
}
