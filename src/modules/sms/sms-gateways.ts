import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { SmsConfig } from '../../config/app-config';

/** Where inbound messages are posted: `/api/v1/sms/inbound/<gateway>`. */
export const SMS_INBOUND_PREFIX = '/api/v1/sms/inbound/';
export const INBOUND_GATEWAYS = ['generic', 'rapidpro', 'africastalking', 'twilio'] as const;
export type InboundGateway = (typeof INBOUND_GATEWAYS)[number];

/** One inbound SMS, whichever gateway brought it. */
export interface InboundSms {
  gateway: InboundGateway;
  /** The gateway's message id, or (RapidPro) a key of sender, text and time bucket. */
  messageKey: string;
  from: string;
  text: string;
  receivedAt: Date;
}

/** What a signature check sees of the request. */
export interface SignedRequest {
  /** The body exactly as received. */
  rawBody: string;
  headers: Record<string, string | string[] | undefined>;
  /** Path and query as received (`/api/v1/sms/inbound/twilio?x=1`). */
  url: string;
  query: Record<string, unknown>;
  body: unknown;
}

/** RapidPro sends no message id: the same sender and text within this window is one message. */
export const RAPIDPRO_DEDUPE_WINDOW_MS = 10 * 60_000;

const header = (request: SignedRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

function sameSecret(given: unknown, expected: string): boolean {
  if (typeof given !== 'string') return false;
  // Hashed first: equal lengths for timingSafeEqual, nothing learnt from the length.
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** Standard Webhooks: `webhook-id`, `webhook-timestamp` (±5 minutes), `webhook-signature`. */
function genericSigned(config: SmsConfig, request: SignedRequest): boolean {
  const id = header(request, 'webhook-id');
  const timestamp = header(request, 'webhook-timestamp');
  const signature = header(request, 'webhook-signature');
  if (!id || !timestamp || !signature) return false;
  try {
    new Webhook(config.secret).verify(request.rawBody, {
      'webhook-id': id,
      'webhook-timestamp': timestamp,
      'webhook-signature': signature,
    });
    return true;
  } catch (error) {
    if (error instanceof WebhookVerificationError) return false;
    throw error;
  }
}

/**
 * Twilio's `X-Twilio-Signature`: base64 HMAC-SHA1, keyed by the auth token,
 * of the full public URL followed by each POST parameter's name and value,
 * sorted by name.
 */
export function twilioSignature(
  authToken: string,
  url: string,
  params: Record<string, unknown>,
): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, key) => acc + key + String(params[key] as string), url);
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

function twilioSigned(config: SmsConfig, request: SignedRequest): boolean {
  const given = header(request, 'x-twilio-signature');
  if (!config.twilioAuthToken || !config.publicUrl || !given) return false;
  const url = config.publicUrl.replace(/\/+$/, '') + request.url;
  const params =
    request.body && typeof request.body === 'object'
      ? (request.body as Record<string, unknown>)
      : {};
  return sameSecret(given, twilioSignature(config.twilioAuthToken, url, params));
}

/** Whether the gateway's route is on (its secret is configured). */
export function gatewayEnabled(config: SmsConfig, gateway: InboundGateway): boolean {
  switch (gateway) {
    case 'generic':
      return true;
    case 'rapidpro':
      return Boolean(config.rapidProToken);
    case 'africastalking':
      return Boolean(config.africasTalkingToken);
    case 'twilio':
      return Boolean(config.twilioAuthToken && config.publicUrl);
  }
}

/** Whether the request really comes from the gateway (signature or URL token). */
export function gatewayAuthenticated(
  config: SmsConfig,
  gateway: InboundGateway,
  request: SignedRequest,
): boolean {
  switch (gateway) {
    case 'generic':
      return genericSigned(config, request);
    case 'rapidpro':
      return sameSecret(request.query.token, config.rapidProToken as string);
    case 'africastalking':
      return sameSecret(request.query.token, config.africasTalkingToken as string);
    case 'twilio':
      return twilioSigned(config, request);
  }
}
