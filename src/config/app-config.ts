import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';
import { resolve } from 'node:path';

/** The backup public key's file name in the keys folder, unless TOGUNA_BACKUP_PUBLIC_KEY names another. */
export const BACKUP_PUBLIC_KEY_FILE = 'backup-recipient.pem';

/** Roles that may be made to use a second factor (TOGUNA_REQUIRE_TOTP_ROLES). */
export const TOTP_POLICY_ROLES = ['official', 'coordinator'] as const;
export type TotpPolicyRole = (typeof TOTP_POLICY_ROLES)[number];

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

/** A ceiling per client address: at most `limit` in `windowSeconds`. */
export interface RateLimit {
  limit: number;
  windowSeconds: number;
}

/**
 * Per client address (TOGUNA_RATE_LIMITS, `group=limit[/window]`): `login`
 * counts failed sign-ins only (a successful one never uses the budget); the
 * others are flood guards that count every request of their route group.
 */
export const RATE_LIMIT_DEFAULTS = {
  login: { limit: 100, windowSeconds: 15 * 60 },
  refresh: { limit: 600, windowSeconds: 60 },
  totp: { limit: 600, windowSeconds: 60 },
  verify: { limit: 600, windowSeconds: 60 },
} as const satisfies Record<string, RateLimit>;
export type RateLimitGroup = keyof typeof RATE_LIMIT_DEFAULTS;
/** The groups counted per request by the @RateLimit guard (`login` is counted by the sign-in itself). */
export type RateLimitPolicy = Exclude<RateLimitGroup, 'login'>;

const WINDOW_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600 };
const RATE_LIMIT_ENTRY = new RegExp(
  `^(${Object.keys(RATE_LIMIT_DEFAULTS).join('|')})=([1-9]\\d{0,5})(?:/([1-9]\\d{0,3})(s|m|h))?$`,
);

/** `login=100/15m` → ['login', {limit: 100, windowSeconds: 900}]; a bare limit keeps the default window. */
function parseRateLimit(entry: string): [RateLimitGroup, RateLimit] {
  const [, group, limit, amount, unit] = RATE_LIMIT_ENTRY.exec(entry)!;
  const name = group as RateLimitGroup;
  const windowSeconds = amount
    ? Number(amount) * WINDOW_UNITS[unit]
    : RATE_LIMIT_DEFAULTS[name].windowSeconds;
  return [name, { limit: Number(limit), windowSeconds }];
}

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
const toBool = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(v)) return true;
  if (['false', '0', 'no', 'off'].includes(v)) return false;
  return value;
};
const toList = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : value;

/**
 * The environment, as read and checked once at boot. Names are the
 * environment variables an operator sets; README.md lists them.
 */
class EnvSchema {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '127.0.0.1';

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  @IsString()
  @MinLength(1)
  TOGUNA_DATA_DIR = './.toguna';

  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(65535)
  TOGUNA_EMBEDDED_PG_PORT = 54329;

  @IsOptional()
  @IsString()
  TOGUNA_KEYS_DIR?: string;

  @Transform(toInt)
  @IsInt()
  @Min(30)
  @Max(600)
  TOGUNA_ACCESS_TOKEN_TTL = 600;

  @Transform(toInt)
  @IsInt()
  @Min(300)
  @Max(90 * 24 * 3600)
  TOGUNA_REFRESH_TOKEN_TTL = 14 * 24 * 3600;

  @Transform(toList)
  @IsString({ each: true })
  @Matches(/^https?:\/\/[^/]+$/, {
    each: true,
    message: 'each CORS origin must look like https://host[:port]',
  })
  TOGUNA_CORS_ORIGINS: string[] = [];

  /** Unset: on, except with NODE_ENV=production (the API's map is no business of the public). */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  TOGUNA_DOCS?: boolean;

  /** The built web app (npm run build -w web); served at / when the folder exists. */
  @IsString()
  TOGUNA_WEB_DIR = './web/dist';

  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(50 * 1024 * 1024)
  TOGUNA_BODY_LIMIT = 1024 * 1024;

  @IsOptional()
  @IsString()
  @MinLength(10)
  TOGUNA_ADMIN_PASSWORD?: string;

  @Transform(toBool)
  @IsBoolean()
  TOGUNA_TRUST_PROXY = false;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @IsString()
  TOGUNA_JWT_ISSUER = 'toguna';

  @IsString()
  TOGUNA_JWT_AUDIENCE = 'toguna-api';

  @Transform(toList)
  @IsIn(TOTP_POLICY_ROLES, {
    each: true,
    message: `each role must be one of ${TOTP_POLICY_ROLES.join(', ')}`,
  })
  TOGUNA_REQUIRE_TOTP_ROLES: TotpPolicyRole[] = [];

  @Transform(toList)
  @Matches(RATE_LIMIT_ENTRY, {
    each: true,
    message: `each entry must look like login=100/15m or verify=600 (groups: ${Object.keys(RATE_LIMIT_DEFAULTS).join(', ')}; window in s, m or h, default per group)`,
  })
  TOGUNA_RATE_LIMITS: string[] = [];

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3650)
  TOGUNA_DEVICE_TOKEN_DAYS = 90;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(24 * 3600)
  TOGUNA_SCHEDULER_INTERVAL_SECONDS = 300;

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
  /** Folder of PostgreSQL's client tools (pg_dump, pg_restore), looked at before the PATH. */
  @IsOptional()
  @IsString()
  TOGUNA_PG_BIN?: string;

  /** The backup public key (PEM, `npm run backup:keygen`); default `<keys dir>/backup-recipient.pem`. */
  @IsOptional()
  @IsString()
  TOGUNA_BACKUP_PUBLIC_KEY?: string;

  /** Scheduled backups go to this folder; unset: no scheduled backup. */
  @IsOptional()
  @IsString()
  TOGUNA_BACKUP_DIR?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 30)
  TOGUNA_BACKUP_INTERVAL_HOURS = 24;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  TOGUNA_BACKUP_KEEP = 14;
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  TOGUNA_RETENTION_YEARS = 5;
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(1000)
  TOGUNA_AUDIT_SEAL_INTERVAL_MS = 200;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(1000)
  TOGUNA_SESSION_CACHE_MS = 1000;
}

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  /** Set when an external server is used; otherwise the embedded one is started. */
  databaseUrl?: string;
  dataDir: string;
  embeddedPgPort: number;
  keysDir: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  corsOrigins: string[];
  docsEnabled: boolean;
  /** Folder of the built web app; not served when it does not exist. */
  webDir: string;
  bodyLimitBytes: number;
  initialAdminPassword?: string;
  trustProxy: boolean;
  logLevel: string;
  jwtIssuer: string;
  jwtAudience: string;
  /** Roles that must enable TOTP before using anything but their account routes. */
  requireTotpRoles: TotpPolicyRole[];
  /** Ceilings per client address, by group (RATE_LIMIT_DEFAULTS). */
  rateLimits: Record<RateLimitGroup, RateLimit>;
  /** Days a device stays trusted after its last successful sign-in. */
  deviceTokenDays: number;
  /** How often the follow-up reminder job runs, in seconds; 0 = never. */
  schedulerIntervalSeconds: number;
  sms?: SmsConfig;
  /** Folder of pg_dump / pg_restore to prefer (TOGUNA_PG_BIN). */
  pgBinDir?: string;
  /** The backup public key file (PEM). */
  backupPublicKeyFile: string;
  /** Scheduled backups: the folder (undefined: off), how often, how many files are kept. */
  backupDir?: string;
  backupIntervalHours: number;
  backupKeep: number;
  /** Years after a case is closed until it is listed for erasure (GET /admin/erasure-candidates). */
  retentionYears: number;
  /** How often each instance seals committed audit events, in ms (at most a second); 0 = never. */
  auditSealIntervalMs: number;
  /** How long a session check may be answered from memory, in ms (at most a second); 0 = never. */
  sessionCacheMs: number;
}

export class ConfigError extends Error {}

/** The variables without a default (absent from `new EnvSchema()`'s keys). */
const OPTIONAL_KEYS = new Set([
  'DATABASE_URL',
  'TOGUNA_KEYS_DIR',
  'TOGUNA_ADMIN_PASSWORD',
  'TOGUNA_DOCS',
  'TOGUNA_SMS_SECRET',
  'TOGUNA_SMS_OUTBOUND_URL',
  'TOGUNA_SMS_SENDER',
  'TOGUNA_SMS_AT_USERNAME',
  'TOGUNA_SMS_AT_API_KEY',
  'TOGUNA_SMS_AT_TOKEN',
  'TOGUNA_SMS_RAPIDPRO_TOKEN',
  'TOGUNA_SMS_TWILIO_AUTH_TOKEN',
  'TOGUNA_PUBLIC_URL',
  'TOGUNA_PG_BIN',
  'TOGUNA_BACKUP_PUBLIC_KEY',
  'TOGUNA_BACKUP_DIR',
]);

function smsConfig(parsed: EnvSchema): SmsConfig | undefined {
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

/** Validates the environment; throws a ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(new EnvSchema())) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  for (const key of Object.keys(env)) {
    if (OPTIONAL_KEYS.has(key) && env[key]) raw[key] = env[key];
  }
  const parsed = plainToInstance(EnvSchema, raw);
  const errors = validateSync(parsed, { whitelist: true });
  if (errors.length > 0) {
    const lines = errors.map(
      (e) => `  ${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`,
    );
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const rateLimits = {
    ...RATE_LIMIT_DEFAULTS,
    ...Object.fromEntries(parsed.TOGUNA_RATE_LIMITS.map(parseRateLimit)),
  };
  // Counters idle for a day are swept: a longer window would forget too early.
  if (Object.values(rateLimits).some((r) => r.windowSeconds > 86_400))
    throw new ConfigError(
      'Invalid configuration:\n  TOGUNA_RATE_LIMITS: a window may not exceed 24h',
    );
  const dataDir = resolve(parsed.TOGUNA_DATA_DIR);
  const keysDir = resolve(parsed.TOGUNA_KEYS_DIR ?? `${dataDir}/keys`);
  return {
    env: parsed.NODE_ENV as AppConfig['env'],
    host: parsed.HOST,
    port: parsed.PORT,
    databaseUrl: parsed.DATABASE_URL,
    dataDir,
    embeddedPgPort: parsed.TOGUNA_EMBEDDED_PG_PORT,
    keysDir,
    accessTokenTtlSeconds: parsed.TOGUNA_ACCESS_TOKEN_TTL,
    refreshTokenTtlSeconds: parsed.TOGUNA_REFRESH_TOKEN_TTL,
    corsOrigins: parsed.TOGUNA_CORS_ORIGINS,
    docsEnabled: parsed.TOGUNA_DOCS ?? parsed.NODE_ENV !== 'production',
    webDir: resolve(parsed.TOGUNA_WEB_DIR),
    bodyLimitBytes: parsed.TOGUNA_BODY_LIMIT,
    initialAdminPassword: parsed.TOGUNA_ADMIN_PASSWORD,
    trustProxy: parsed.TOGUNA_TRUST_PROXY,
    logLevel: parsed.LOG_LEVEL,
    jwtIssuer: parsed.TOGUNA_JWT_ISSUER,
    jwtAudience: parsed.TOGUNA_JWT_AUDIENCE,
    requireTotpRoles: [...new Set(parsed.TOGUNA_REQUIRE_TOTP_ROLES)],
    rateLimits,
    deviceTokenDays: parsed.TOGUNA_DEVICE_TOKEN_DAYS,
    schedulerIntervalSeconds: parsed.TOGUNA_SCHEDULER_INTERVAL_SECONDS,
    sms: smsConfig(parsed),
    pgBinDir: parsed.TOGUNA_PG_BIN ? resolve(parsed.TOGUNA_PG_BIN) : undefined,
    backupPublicKeyFile: resolve(
      parsed.TOGUNA_BACKUP_PUBLIC_KEY ?? `${keysDir}/${BACKUP_PUBLIC_KEY_FILE}`,
    ),
    backupDir: parsed.TOGUNA_BACKUP_DIR ? resolve(parsed.TOGUNA_BACKUP_DIR) : undefined,
    backupIntervalHours: parsed.TOGUNA_BACKUP_INTERVAL_HOURS,
    backupKeep: parsed.TOGUNA_BACKUP_KEEP,
    retentionYears: parsed.TOGUNA_RETENTION_YEARS,
    auditSealIntervalMs: parsed.TOGUNA_AUDIT_SEAL_INTERVAL_MS,
    sessionCacheMs: parsed.TOGUNA_SESSION_CACHE_MS,
  };
}
