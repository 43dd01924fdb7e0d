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
import { getMetadataStorage } from 'class-validator';
import { resolve } from 'node:path';
import { ConfigError } from './config-error';
import { toBool, toInt, toList } from './env-transforms';
import {
  RATE_LIMIT_ENTRY,
  RATE_LIMIT_DEFAULTS,
  RateLimit,
  RateLimitGroup,
  rateLimitsFrom,
} from './rate-limits';
import { SmsConfig, smsConfig, SmsEnvSchema } from './sms-config';

export { ConfigError } from './config-error';
export { RATE_LIMIT_DEFAULTS } from './rate-limits';
export type { RateLimit, RateLimitGroup, RateLimitPolicy } from './rate-limits';
export { SMS_GATEWAYS } from './sms-config';
export type { SmsConfig, SmsGateway } from './sms-config';

/** The backup public key's file name in the keys folder, unless TOGUNA_BACKUP_PUBLIC_KEY names another. */
export const BACKUP_PUBLIC_KEY_FILE = 'backup-recipient.pem';

/** Roles that may be made to use a second factor (TOGUNA_REQUIRE_TOTP_ROLES). */
export const TOTP_POLICY_ROLES = ['official', 'coordinator'] as const;
export type TotpPolicyRole = (typeof TOTP_POLICY_ROLES)[number];

/**
 * The environment, as read and checked once at boot. Names are the
 * environment variables an operator sets; README.md lists them.
 */
class EnvSchema extends SmsEnvSchema {
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

/** Every variable the schema declares (with or without a default), from its decorators. */
const ENV_KEYS = [
  ...new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(EnvSchema, '', true, false)
      .map((m) => m.propertyName),
  ),
];

/** Validates the environment; throws a ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw: Record<string, unknown> = {};
  for (const key of ENV_KEYS) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const parsed = plainToInstance(EnvSchema, raw);
  const errors = validateSync(parsed, { whitelist: true });
  if (errors.length > 0) {
    const lines = errors.map(
      (e) => `  ${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`,
    );
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const rateLimits = rateLimitsFrom(parsed.TOGUNA_RATE_LIMITS);
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
