import { IsIn, IsOptional, IsString, Matches, MinLength } from 'class-validator';
import { ConfigError } from './config-error';

/** How messages leave (TOGUNA_SMS_GATEWAY): README "SMS" says what each one posts. */
export const SMS_GATEWAYS = ['generic', 'rapidpro', 'africastalking'] as const;
export type SmsGateway = (typeof SMS_GATEWAYS)[number];
const SMS_TOKEN = /^[A-Za-z0-9_-]{24,128}$/;

/** SMS in and out; `undefined` in AppConfig when TOGUNA_SMS_SECRET is unset (every SMS route answers 404). */
export interface SmsConfig {
  /** `whsec_<base64>`, as the Standard Webhooks libraries take it. */
  secret: string;
  gateway: SmsGateway;
  /** Unset: messages stay queued (an admin sees them). */
  outboundUrl?: string;
  sender?: string;
  africasTalking?: { username: string; apiKey: string };
  /** Set: the adapter's route is on; the token is compared in constant time. */
  africasTalkingToken?: string;
  rapidProToken?: string;
  twilioAuthToken?: string;
  publicUrl?: string;
}

/** The SMS variables of the environment (part of the schema loadConfig checks). */
export class SmsEnvSchema {
  /** Standard Webhooks secret (`whsec_<base64>`): signs the generic gateway's posts both ways. Unset: SMS is off. */
  @IsOptional()
  @Matches(/^whsec_[A-Za-z0-9+/]{22,}={0,2}$/, {
    message: 'TOGUNA_SMS_SECRET must look like whsec_<base64 of at least 16 bytes>',
  })
  TOGUNA_SMS_SECRET?: string;

  @IsIn(SMS_GATEWAYS)
  TOGUNA_SMS_GATEWAY: SmsGateway = 'generic';

  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'TOGUNA_SMS_OUTBOUND_URL must be an http(s) URL' })
  TOGUNA_SMS_OUTBOUND_URL?: string;

  /** The number or short code messages are sent from (RapidPro's `from`, Africa's Talking's `from`). */
  @IsOptional()
  @Matches(/^\+?[A-Za-z0-9]{3,15}$/, {
    message: 'TOGUNA_SMS_SENDER must be a number or short code',
  })
  TOGUNA_SMS_SENDER?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  TOGUNA_SMS_AT_USERNAME?: string;

  @IsOptional()
  @IsString()
  @MinLength(8)
  TOGUNA_SMS_AT_API_KEY?: string;

  /** Secret tokens in the callback URLs of the gateways that do not sign their posts. */
  @IsOptional()
  @Matches(SMS_TOKEN, { message: 'TOGUNA_SMS_AT_TOKEN must be 24 to 128 URL-safe characters' })
  TOGUNA_SMS_AT_TOKEN?: string;

  @IsOptional()
  @Matches(SMS_TOKEN, {
    message: 'TOGUNA_SMS_RAPIDPRO_TOKEN must be 24 to 128 URL-safe characters',
  })
  TOGUNA_SMS_RAPIDPRO_TOKEN?: string;

  @IsOptional()
  @IsString()
  @MinLength(16)
  TOGUNA_SMS_TWILIO_AUTH_TOKEN?: string;

  /** The address gateways reach this API at (Twilio signs the full URL it posts to). */
  @IsOptional()
  @Matches(/^https?:\/\/[^/\s]+(\/\S*)?$/, { message: 'TOGUNA_PUBLIC_URL must be an http(s) URL' })
  TOGUNA_PUBLIC_URL?: string;
}

export function smsConfig(parsed: SmsEnvSchema): SmsConfig | undefined {
  if (!parsed.TOGUNA_SMS_SECRET) return undefined;
  if (parsed.TOGUNA_SMS_GATEWAY === 'africastalking') {
    if (!parsed.TOGUNA_SMS_AT_USERNAME || !parsed.TOGUNA_SMS_AT_API_KEY)
      throw new ConfigError(
        'Invalid configuration:\n  TOGUNA_SMS_GATEWAY: africastalking needs TOGUNA_SMS_AT_USERNAME and TOGUNA_SMS_AT_API_KEY',
      );
  }
  return {
    secret: parsed.TOGUNA_SMS_SECRET,
    gateway: parsed.TOGUNA_SMS_GATEWAY,
    outboundUrl: parsed.TOGUNA_SMS_OUTBOUND_URL,
    sender: parsed.TOGUNA_SMS_SENDER,
    africasTalking:
      parsed.TOGUNA_SMS_AT_USERNAME && parsed.TOGUNA_SMS_AT_API_KEY
        ? { username: parsed.TOGUNA_SMS_AT_USERNAME, apiKey: parsed.TOGUNA_SMS_AT_API_KEY }
        : undefined,
    africasTalkingToken: parsed.TOGUNA_SMS_AT_TOKEN,
    rapidProToken: parsed.TOGUNA_SMS_RAPIDPRO_TOKEN,
    twilioAuthToken: parsed.TOGUNA_SMS_TWILIO_AUTH_TOKEN,
    publicUrl: parsed.TOGUNA_PUBLIC_URL,
  };
}
