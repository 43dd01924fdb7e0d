import { Webhook } from 'standardwebhooks';
import { SmsConfig } from '../../config/app-config';

/** One message as a gateway is given it. */
export interface GatewayMessage {
  /** The outbox id: a gateway that receives the same id twice (a retry) can drop the second. */
  id: string;
  to: string;
  text: string;
}

/** What came of one attempt: `retry` for what may pass later (network, 5xx, 408, 429), `refused` for good. */
export type GatewayOutcome = { ok: true } | { ok: false; retry: boolean; error: string };

export interface SmsGateway {
  send(message: GatewayMessage): Promise<GatewayOutcome>;
}

/** Africa's Talking's bulk SMS API (its sandbox is at api.sandbox.africastalking.com). */
export const AFRICAS_TALKING_URL = 'https://api.africastalking.com/version1/messaging';
/** Africa's Talking's per-recipient codes that mean accepted: processed, sent, queued. */
const AT_ACCEPTED = new Set([100, 101, 102]);
const TIMEOUT_MS = 10_000;

async function post(
  url: string,
  headers: Record<string, string>,
  body: string,
): Promise<{ outcome: GatewayOutcome; body?: string }> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers,
      body,
      redirect: 'error',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    const name = (error as Error).name;
    return {
      outcome: {
        ok: false,
        retry: true,
        error: name === 'TimeoutError' ? 'timeout' : 'unreachable',
      },
    };
  }
  const text = await response.text().catch(() => '');
  if (response.ok) return { outcome: { ok: true }, body: text };
  const retry = response.status >= 500 || response.status === 408 || response.status === 429;
  return { outcome: { ok: false, retry, error: `HTTP ${response.status}` } };
}

/**
 * The generic gateway: JSON `{id, to, text}` signed as Standard Webhooks say
 * (webhook-id, webhook-timestamp, webhook-signature), with TOGUNA_SMS_SECRET.
 */
export class GenericGateway implements SmsGateway {
  private readonly webhook: Webhook;

  constructor(
    private readonly url: string,
    secret: string,
  ) {
    this.webhook = new Webhook(secret);
  }

  async send(message: GatewayMessage): Promise<GatewayOutcome> {
    const body = JSON.stringify({ id: message.id, to: message.to, text: message.text });
    const timestamp = new Date();
    const signature = this.webhook.sign(message.id, timestamp, body);
    const { outcome } = await post(
      this.url,
      {
        'content-type': 'application/json',
        'webhook-id': message.id,
        'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
        'webhook-signature': signature,
      },
      body,
    );
    return outcome;
  }
}

/**
 * RapidPro's external channel: the JSON its "send URL" receives (`id`,
 * `text`, `to`, `to_no_plus`, `from`, `from_no_plus`), so any service made
 * to sit behind a RapidPro external channel can send for Toguna.
 */
export class RapidProGateway implements SmsGateway {
  constructor(
    private readonly url: string,
    private readonly sender: string | undefined,
  ) {}

  async send(message: GatewayMessage): Promise<GatewayOutcome> {
    const from = this.sender ?? '';
    const body = JSON.stringify({
      id: message.id,
      text: message.text,
      to: message.to,
      to_no_plus: message.to.replace(/^\+/, ''),
      from,
      from_no_plus: from.replace(/^\+/, ''),
    });
    const { outcome } = await post(this.url, { 'content-type': 'application/json' }, body);
    return outcome;
  }
}

/** Africa's Talking's SMS API: a form post with the `apiKey` header; each recipient has its own status. */
export class AfricasTalkingGateway implements SmsGateway {
  constructor(
    private readonly url: string,
    private readonly username: string,
    private readonly apiKey: string,
    private readonly sender: string | undefined,
  ) {}

  async send(message: GatewayMessage): Promise<GatewayOutcome> {
    const form = new URLSearchParams({
      username: this.username,
      to: message.to,
      message: message.text,
    });
    if (this.sender) form.set('from', this.sender);
    const { outcome, body } = await post(
      this.url,
      {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
        apiKey: this.apiKey,
      },
      form.toString(),
    );
    if (!outcome.ok) return outcome;
    const code = recipientStatus(body);
    if (code !== null && AT_ACCEPTED.has(code)) return { ok: true };
    // 405 insufficient balance, 500/501 gateway error: worth trying again; others (invalid number…) not.
    const retry = code === null || code === 405 || code >= 500;
    return { ok: false, retry, error: `Africa's Talking status ${code ?? 'unreadable'}` };
  }
}

function recipientStatus(body: string | undefined): number | null {
  try {
    const parsed = JSON.parse(body ?? '') as {
      SMSMessageData?: { Recipients?: { statusCode?: unknown }[] };
    };
    const code = parsed.SMSMessageData?.Recipients?.[0]?.statusCode;
    return typeof code === 'number' ? code : null;
  } catch {
    return null;
  }
}

/** The configured gateway, or null when none is (messages then stay queued). */
export function gatewayFor(config: SmsConfig | undefined): SmsGateway | null {
  if (!config) return null;
  switch (config.gateway) {
    case 'generic':
      return config.outboundUrl ? new GenericGateway(config.outboundUrl, config.secret) : null;
    case 'rapidpro':
      return config.outboundUrl ? new RapidProGateway(config.outboundUrl, config.sender) : null;
    case 'africastalking':
      return config.africasTalking
        ? new AfricasTalkingGateway(
            config.outboundUrl ?? AFRICAS_TALKING_URL,
            config.africasTalking.username,
            config.africasTalking.apiKey,
            config.sender,
          )
        : null;
  }
}
