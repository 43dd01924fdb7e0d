import { LoggerService } from '@nestjs/common';
import pino, { DestinationStream, Logger } from 'pino';

const SENSITIVE_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'body',
  '*.body',
  'password',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.refreshToken',
  '*.accessToken',
  '*.token',
  '*.deviceToken',
  '*.totp',
];

/**
 * The route pattern (`/api/v1/users/:id`), not the path that was sent: path
 * segments, query strings and verify URLs can all carry sensitive input.
 */
export function loggedRoute(request: RequestLike): string {
  return request.routeOptions?.url ?? '(no route)';
}

interface RequestLike {
  id?: string;
  method?: string;
  routeOptions?: { url?: string };
  headers?: Record<string, string | string[] | undefined>;
}

/** What a client may send as X-Request-Id to find its requests in the logs. */
export const CLIENT_REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * The client's own X-Request-Id when it is well-formed, else undefined. It
 * only correlates log lines with the client's: the request's id (audit trail,
 * X-Request-Id answer, problem documents) is always the server's.
 */
export function clientRequestId(request: RequestLike): string | undefined {
  const given = request.headers?.['x-request-id'];
  return typeof given === 'string' && CLIENT_REQUEST_ID.test(given) ? given : undefined;
}

function errorSerializer(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { value: typeof error };
  const e = error as Error & {
    code?: string;
    constraint?: string;
    table?: string;
    driverError?: { code?: string; constraint?: string };
  };
  // Never the SQL parameters or the driver's detail: they may hold the values we protect.
  return {
    type: e.constructor.name,
    message: e.message.slice(0, 300),
    code: e.code ?? e.driverError?.code,
    constraint: e.constraint ?? e.driverError?.constraint,
    stack: e.stack?.split('\n').slice(1, 12).join('\n'),
  };
}

/**
 * The one structured logger (pino). Request lines carry the request id, the
 * method and the path; never bodies, headers, tokens or query strings.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'toguna' },
      redact: { paths: SENSITIVE_PATHS, censor: '[redacted]' },
      serializers: {
        req: (req: RequestLike) => ({
          id: req.id,
          clientRequestId: clientRequestId(req),
          method: req.method,
          route: loggedRoute(req),
        }),
        res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
        err: errorSerializer,
      },
    },
    destination,
  );
}

/** Nest's own messages (boot, routes) through the same pino logger. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string): void {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, String(message));
  }
}
