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

/** Roles that may be made to use a second factor (TOGUNA_REQUIRE_TOTP_ROLES). */
export const TOTP_POLICY_ROLES = ['official', 'coordinator'] as const;
export type TotpPolicyRole = (typeof TOTP_POLICY_ROLES)[number];

/** Rate-limited route groups and their default requests per minute per client address. */
export const RATE_LIMIT_DEFAULTS = { login: 20, refresh: 60, totp: 20, verify: 60 } as const;
export type RateLimitPolicy = keyof typeof RATE_LIMIT_DEFAULTS;

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
  @Matches(new RegExp(`^(${Object.keys(RATE_LIMIT_DEFAULTS).join('|')})=[1-9]\\d{0,5}$`), {
    each: true,
    message: `each entry must look like login=20 (groups: ${Object.keys(RATE_LIMIT_DEFAULTS).join(', ')})`,
  })
  TOGUNA_RATE_LIMITS: string[] = [];

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(24 * 3600)
  TOGUNA_SCHEDULER_INTERVAL_SECONDS = 300;
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
  /** Requests per minute per client address, by route group. */
  rateLimits: Record<RateLimitPolicy, number>;
  /** How often the follow-up reminder job runs, in seconds; 0 = never. */
  schedulerIntervalSeconds: number;
}

export class ConfigError extends Error {}

/** Validates the environment; throws a ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(new EnvSchema())) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  for (const key of ['DATABASE_URL', 'TOGUNA_KEYS_DIR', 'TOGUNA_ADMIN_PASSWORD', 'TOGUNA_DOCS']) {
    if (env[key]) raw[key] = env[key];
  }
  const parsed = plainToInstance(EnvSchema, raw);
  const errors = validateSync(parsed, { whitelist: true });
  if (errors.length > 0) {
    const lines = errors.map(
      (e) => `  ${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`,
    );
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const dataDir = resolve(parsed.TOGUNA_DATA_DIR);
  return {
    env: parsed.NODE_ENV as AppConfig['env'],
    host: parsed.HOST,
    port: parsed.PORT,
    databaseUrl: parsed.DATABASE_URL,
    dataDir,
    embeddedPgPort: parsed.TOGUNA_EMBEDDED_PG_PORT,
    keysDir: resolve(parsed.TOGUNA_KEYS_DIR ?? `${dataDir}/keys`),
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
    rateLimits: {
      ...RATE_LIMIT_DEFAULTS,
      ...Object.fromEntries(
        parsed.TOGUNA_RATE_LIMITS.map((entry) => {
          const [name, limit] = entry.split('=');
          return [name, Number(limit)];
        }),
      ),
    },
    schedulerIntervalSeconds: parsed.TOGUNA_SCHEDULER_INTERVAL_SECONDS,
  };
}
