import helmet from '@fastify/helmet';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { AppModule } from './app.module';
import { registerRequestContext } from './common/audit/request-context';
import { AuditSequencer } from './common/audit/audit-sequencer';
import { AppError } from './common/http/app-error';
import { registerCompression } from './common/http/compression';
import { describeError, ErrorCode } from './common/http/error-catalogue';
import { PROBLEM_CONTENT_TYPE, sendProblem } from './common/http/problem';
import { ProblemDetailsFilter } from './common/http/problem-details.filter';
import { createValidationPipe } from './common/http/validation';
import { PinoNestLogger } from './common/logging/logger';
import { AppConfig } from './config/app-config';
import { buildOpenApiDocument } from './openapi';
import { registerSmsBodyParsers } from './modules/sms';
import { serveWebApp } from './web/serve-web-app';

/**
 * What Node's HTTP parser refuses before Fastify has a request (headers or
 * URL over the size limit, broken HTTP): problem+json too, in English as no
 * Accept-Language could be read. Otherwise the same as Fastify's default.
 */
function clientErrorHandler(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code]: [number, ErrorCode] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'payload_too_large']
      : [error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400, 'validation_failed'];
  const text = describeError(code, 'en');
  const body = JSON.stringify({
    type: `urn:toguna:problem:${code}`,
    title: text.title,
    status,
    detail: text.detail,
    code,
  });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

/**
 * Builds the whole HTTP application (everything but listening), so that
 * main.ts and the e2e tests run the very same stack.
 */
export async function createApp(
  config: AppConfig,
  databaseUrl: string,
  logger: Logger,
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    // Always the server's own: it is what the audit trail, the logs and the problem
    // documents name, so no client can make two requests (or two users) share one.
    // A client's X-Request-Id is only logged beside it (logger.ts).
    genReqId: () => randomUUID(),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    routerOptions: { maxParamLength: 2048 },
    clientErrorHandler,
    // The router refuses a bad percent-encoding or an over-long parameter before
    // Nest sees the request: a 400 problem document too, never Fastify's own JSON.
    frameworkErrors: (_error: Error, request: FastifyRequest, reply: FastifyReply) =>
      sendProblem(
        request,
        reply,
        new AppError('validation_failed', {
          errors: [{ field: 'path', message: 'malformed URL', code: 'matches' }],
        }),
      ),
    // Requests arriving while the server closes get our own 503 problem document (below).
    return503OnClosing: false,
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, databaseUrl),
    adapter,
    {
      logger: new PinoNestLogger(logger),
      abortOnError: false,
      bodyParser: false,
    },
  );

  const fastify = app.getHttpAdapter().getInstance();
  // Who and which request, for the audit events written while handling it.
  registerRequestContext(fastify);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // No inline script on any page (the web app and Swagger UI load files only):
        // an injected <script> cannot run and reach the session tokens kept on the device.
        scriptSrc: ["'self'"],
        // Swagger UI's page carries <style> blocks.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
      },
    },
  });
  await registerCompression(app);
  app.enableCors({
    origin: config.corsOrigins.length > 0 ? config.corsOrigins : false,
    methods: ['GET', 'POST', 'PATCH', 'DELETE'],
    allowedHeaders: [
      'Authorization',
      'Content-Type',
      'If-Match',
      'Idempotency-Key',
      'Accept-Language',
      'X-Request-Id',
    ],
    exposedHeaders: ['ETag', 'Retry-After', 'X-Request-Id', 'Idempotent-Replayed'],
    maxAge: 600,
  });

  // Graceful shutdown: requests already being handled finish; their connection
  // then closes (no keep-alive socket holds the close up), and requests that
  // arrive meanwhile get a 503 problem document instead of running.
  let closing = false;
  fastify.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  // Once the last request has finished, its audit events are sealed.
  fastify.addHook('onClose', () => app.get(AuditSequencer).drain());
  fastify.addHook('onRequest', (request, reply, done) => {
    if (!closing) return done();
    void reply.header('connection', 'close');
    sendProblem(request, reply, new AppError('shutting_down', { headers: { 'retry-after': '5' } }));
  });

  fastify.addHook('onSend', (request: FastifyRequest, reply, payload, done) => {
    void reply.header('x-request-id', request.id);
    if (closing) void reply.header('connection', 'close');
    if (!reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
    done(null, payload);
  });
  // JSON only: Fastify's built-in JSON parser stays, plain text is refused with 415.
  fastify.removeContentTypeParser('text/plain');
  // The SMS routes keep the raw body (signatures) and take the gateways' forms.
  registerSmsBodyParsers(fastify);

  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());

  if (config.docsEnabled) {
    SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), {
      jsonDocumentUrl: 'docs/openapi.json',
      yamlDocumentUrl: 'docs/openapi.yaml',
    });
  }
  await serveWebApp(app, config.webDir, logger);
  await app.init();
  return app;
}
