import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/** The OpenAPI document, built from the controllers and DTOs (also written to openapi/openapi.json). */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Toguna API')
    .setDescription(
      'Case management for local mediators: dialogue cases, meetings, mission orders, accords and follow-up. ' +
        'Errors are RFC 9457 problem+json; Accept-Language: fr | en.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controllerKey, methodKey) =>
      `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
  });
  addIdempotencyKeyHeader(document);
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
