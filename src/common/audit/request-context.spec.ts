import {
  Body,
  CanActivate,
  Controller,
  ExecutionContext,
  Get,
  Injectable,
  Post,
} from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import type { FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import { Role } from '../auth/role';
import {
  currentRequestContext,
  registerRequestContext,
  RequestContext,
  runWithRequestContext,
  setPrincipal,
} from './request-context';

/** Stands in for the access guard: takes the caller from test headers. */
@Injectable()
class HeaderPrincipalGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<FastifyRequest>();
    const userId = req.headers['x-test-user'];
    if (typeof userId === 'string') {
      setPrincipal({
        userId,
        role: req.headers['x-test-role'] as Role,
        associationId: (req.headers['x-test-association'] as string | undefined) ?? null,
      });
    }
    return true;
  }
}

/** What the code of a handler sees, after a few asynchronous hops. */
async function seen(): Promise<RequestContext | null> {
  await sleep(Math.random() * 20);
  await Promise.resolve();
  await new Promise((r) => setImmediate(r));
  const context = currentRequestContext();
  return context ? { ...context } : null;
}

@Controller('probe')
class ProbeController {
  @Get()
  get(): Promise<RequestContext | null> {
    return seen();
  }

  @Post()
  post(@Body() _body: unknown): Promise<RequestContext | null> {
    return seen();
  }
}

describe('request context through Fastify and Nest', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      controllers: [ProbeController],
      providers: [{ provide: APP_GUARD, useClass: HeaderPrincipalGuard }],
    }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(
      new FastifyAdapter({
        genReqId: (req: { headers: Record<string, string | string[] | undefined> }) =>
          (req.headers['x-request-id'] as string | undefined) ?? randomUUID(),
      }),
      { logger: false },
    );
    const fastify = app.getHttpAdapter().getInstance();
    registerRequestContext(fastify);
    registerRequestContext(fastify); // a second call adds nothing
    await app.init();
    await fastify.ready();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('a handler sees its own request id and caller, under 40 concurrent GETs and POSTs', async () => {
    const calls = Array.from({ length: 40 }, (_, i) => {
      const requestId = `req-${i}-${randomUUID()}`;
      const userId = randomUUID();
      const associationId = i % 3 === 0 ? undefined : randomUUID();
      const role: Role = i % 2 ? 'coordinator' : 'mediator';
      const headers: Record<string, string> = {
        'x-request-id': requestId,
        'x-test-user': userId,
        'x-test-role': role,
        ...(associationId ? { 'x-test-association': associationId } : {}),
      };
      // Every other request has a body large enough to arrive in several chunks.
      const send =
        i % 2
          ? request(app.getHttpServer())
              .post('/probe')
              .set(headers)
              .send({ padding: 'x'.repeat(200_000) })
          : request(app.getHttpServer()).get('/probe').set(headers);
      return send.then((res) => ({ res, expected: { requestId, userId, role, associationId } }));
    });
    const results = await Promise.all(calls);
    for (const { res, expected } of results) {
      expect(res.status).toBeLessThan(300);
      expect(res.body).toEqual(JSON.parse(JSON.stringify(expected)));
    }
  });

  it('without a principal, only the request id', async () => {
    const res = await request(app.getHttpServer()).get('/probe').set('x-request-id', 'anon-1234');
    expect(res.body).toEqual({ requestId: 'anon-1234' });
  });

  it('outside a request there is none, and setPrincipal does nothing', () => {
    expect(currentRequestContext()).toBeUndefined();
    expect(() =>
      setPrincipal({ userId: randomUUID(), role: 'admin', associationId: null }),
    ).not.toThrow();
    expect(currentRequestContext()).toBeUndefined();
  });

  it('runWithRequestContext scopes a context to a unit of work', async () => {
    const inside = await runWithRequestContext({ requestId: 'job-1' }, async () => {
      await sleep(1);
      setPrincipal({ userId: 'u', role: 'admin', associationId: null });
      return { ...currentRequestContext() };
    });
    expect(inside).toEqual({ requestId: 'job-1', userId: 'u', role: 'admin' });
    expect(currentRequestContext()).toBeUndefined();
  });
});
