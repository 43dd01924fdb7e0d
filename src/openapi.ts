import { INestApplication, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { PUBLIC_KEY } from './common/auth/decorators';
import { errorCodes } from './common/http/error-catalogue';
import { PROBLEM_CONTENT_TYPE } from './common/http/problem';
import { RATE_LIMIT_KEY } from './common/rate-limit/rate-limit.decorator';

type OperationObject = NonNullable<OpenAPIObject['paths'][string]['get']>;
type ResponseObject = Exclude<OperationObject['responses'][string], { $ref: string }>;
type SchemaObject = Exclude<
  NonNullable<NonNullable<OpenAPIObject['components']>['schemas']>[string],
  { $ref: string }
>;

const operationId = (controller: string, method: string): string =>
  `${controller.replace(/Controller$/, '')}_${method}`;

/** The OpenAPI document, built from the controllers and DTOs (also written to openapi/openapi.json). */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Toguna API')
    .setDescription(
      'Case management for local mediators: dialogue cases, meetings, mission orders, accords and follow-up. ' +
        'Errors are RFC 9457 problem+json with a stable `code`; Accept-Language: fr | en.',
    )
    .setVersion('1')
    .addServer('/', 'This installation')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  const document = SwaggerModule.createDocument(app, config, { operationIdFactory: operationId });
  document.info.license = { name: 'Proprietary (UNLICENSED): all rights reserved' };
  addIdempotencyKeyHeader(document);
  addProblemAnswers(document, routeFacts(app));
  return document;
}

/** The Idempotency-Key header on every authenticated POST (src/common/http/idempotency). */
function addIdempotencyKeyHeader(document: OpenAPIObject): void {
  document.components ??= {};
  document.components.parameters = {
    ...document.components.parameters,
    IdempotencyKey: {
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      description:
        'Makes a retry safe: a repeat with the same key and the same request returns the first ' +
        'response (same status, same body) and runs nothing; the same key on another request → 422 ' +
        '`idempotency_key_reused`; while the first is still running → 409 `idempotency_in_progress`. ' +
        'Remembered per user for 24 h.',
      schema: { type: 'string', minLength: 1, maxLength: 200, pattern: '^[\\x21-\\x7E]+$' },
    },
  };
  for (const item of Object.values(document.paths)) {
    const post = item.post;
    if (!post?.security?.length) continue; // public (sign-in, refresh): the header is ignored
    post.parameters = [
      ...(post.parameters ?? []),
      { $ref: '#/components/parameters/IdempotencyKey' },
    ];
  }
}

interface RouteFacts {
  isPublic: boolean;
  rateLimited: boolean;
}

/** What each route declares (@Public, @RateLimit), by operationId, read from the module graph. */
function routeFacts(app: INestApplication): Map<string, RouteFacts> {
  const facts = new Map<string, RouteFacts>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: unknown[]) => object) | null;
      if (!controller) continue;
      const declared = (key: string, handler: object): boolean =>
        Boolean(Reflect.getMetadata(key, handler) ?? Reflect.getMetadata(key, controller));
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (method === undefined) continue;
        facts.set(operationId(controller.name, name), {
          isPublic: declared(PUBLIC_KEY, handler),
          rateLimited: declared(RATE_LIMIT_KEY, handler),
        });
      }
    }
  }
  return facts;
}

/** The problem+json answers every client must expect, by status, with the codes that carry them. */
const PROBLEMS: Record<string, { name: string; description: string }> = {
  '400': {
    name: 'BadRequest',
    description:
      'Invalid input: `validation_failed` (with `errors` per field), `malformed_body`, or a domain rule',
  },
  '401': { name: 'Unauthorized', description: 'No valid access token (`unauthenticated`)' },
  '403': {
    name: 'Forbidden',
    description:
      'The role may not do this (`forbidden`), or the account must first change its password ' +
      '(`password_change_required`) or set up TOTP (`totp_setup_required`)',
  },
  '404': {
    name: 'NotFound',
    description: 'No such record, or one the caller may not see (`not_found`): the same answer',
  },
  '409': {
    name: 'Conflict',
    description:
      'The record changed or the request clashes with its state (`stale_version` with `currentVersion`, ' +
      '`idempotency_in_progress`, or a domain rule)',
  },
  '413': {
    name: 'PayloadTooLarge',
    description: 'The body is over the limit (`payload_too_large`)',
  },
  '415': {
    name: 'UnsupportedMediaType',
    description: 'The body is not JSON (`unsupported_media_type`)',
  },
  '422': {
    name: 'UnprocessableContent',
    description: 'The Idempotency-Key was used for another request (`idempotency_key_reused`)',
  },
  '428': {
    name: 'PreconditionRequired',
    description: 'If-Match with the ETag of the version read is required (`precondition_required`)',
  },
  '429': {
    name: 'TooManyRequests',
    description:
      'Too many requests or attempts from here (`rate_limited`, `too_many_attempts`); see Retry-After',
  },
  '503': {
    name: 'ServiceUnavailable',
    description:
      'The database is unreachable (`service_unavailable`) or the instance is stopping (`shutting_down`); ' +
      'safe to retry after Retry-After (with the same Idempotency-Key for a write)',
  },
};

const PROBLEM_SCHEMA: SchemaObject = {
  type: 'object',
  description: 'An RFC 9457 problem document, in French or English (Accept-Language)',
  required: ['type', 'title', 'status', 'code'],
  properties: {
    type: { type: 'string', example: 'urn:toguna:problem:not_found' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string' },
    requestId: { type: 'string', description: 'Also in the X-Request-Id header' },
    errors: {
      type: 'array',
      description: 'The fields at fault (validation_failed)',
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: {
          field: { type: 'string' },
          message: { type: 'string' },
          code: { type: 'string' },
        },
      },
    },
  },
  additionalProperties: true,
};

/** The statuses an operation can answer with a problem document, from what it takes and declares. */
function problemStatuses(method: string, operation: OperationObject, facts: RouteFacts): string[] {
  const hasPathParameter = (operation.parameters ?? []).some((p) => 'in' in p && p.in === 'path');
  const takesInput =
    hasPathParameter || Boolean(operation.requestBody) || Boolean(operation.parameters?.length);
  const statuses = new Set<string>(['503']);
  if (takesInput) statuses.add('400');
  if (!facts.isPublic) ['401', '403'].forEach((s) => statuses.add(s));
  if (hasPathParameter) statuses.add('404');
  if (operation.requestBody) ['413', '415'].forEach((s) => statuses.add(s));
  if (method === 'patch') ['409', '428'].forEach((s) => statuses.add(s));
  if (method === 'post' && !facts.isPublic) ['409', '422'].forEach((s) => statuses.add(s));
  if (facts.rateLimited) statuses.add('429');
  for (const status of Object.keys(operation.responses)) if (PROBLEMS[status]) statuses.add(status);
  return [...statuses];
}

/**
 * Every operation gets its security (none for public routes, stated as
 * such) and its problem+json answers; answers a controller documents keep
 * their words and gain the problem schema.
 */
function addProblemAnswers(document: OpenAPIObject, facts: Map<string, RouteFacts>): void {
  document.components ??= {};
  document.components.schemas = {
    ...document.components.schemas,
    Problem: {
      ...PROBLEM_SCHEMA,
      properties: {
        ...PROBLEM_SCHEMA.properties,
        code: { type: 'string', enum: errorCodes(), description: 'Stable machine-readable code' },
      },
    },
  };
  const content = { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } };
  document.components.responses = Object.fromEntries(
    Object.values(PROBLEMS).map(({ name, description }) => [name, { description, content }]),
  );
  for (const item of Object.values(document.paths)) {
    for (const method of ['get', 'post', 'patch', 'put', 'delete'] as const) {
      const operation = item[method];
      if (!operation?.operationId) continue;
      const route = facts.get(operation.operationId);
      if (!route) throw new Error(`no route declares ${operation.operationId}`);
      if (route.isPublic) operation.security = [];
      for (const status of problemStatuses(method, operation, route)) {
        const documented = operation.responses[status] as ResponseObject | undefined;
        operation.responses[status] = documented
          ? { ...documented, content: documented.content ?? content }
          : { $ref: `#/components/responses/${PROBLEMS[status].name}` };
      }
    }
  }
}
