import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Principal } from '../auth/principal';
import { Role } from '../auth/role';

/**
 * Who is behind the code running now, for the audit trail: the HTTP request
 * (its id, also sent back as X-Request-Id) and, once the guard has
 * authenticated it, the caller. Outside a request (CLI, start-up) there is none.
 */
export interface RequestContext {
  readonly requestId: string;
  userId?: string;
  role?: Role;
  associationId?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** The context of each request, kept on the request so it can be entered again. */
const contexts = new WeakMap<FastifyRequest, RequestContext>();

/** Marks an instance whose hooks are registered (a second call is a no-op). */
const registered = new WeakSet<FastifyInstance>();

/** Runs `work` (and everything it starts) with `context` as the request context. */
export function runWithRequestContext<T>(context: RequestContext, work: () => T): T {
  return storage.run(context, work);
}

/** The request context of the code running now; undefined outside a request. */
export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

/**
 * Records the authenticated caller in the current request context (called
 * by the access guard once the principal is known). Outside a request, does
 * nothing.
 */
export function setPrincipal(
  principal: Pick<Principal, 'userId' | 'role' | 'associationId'>,
): void {
  const context = storage.getStore();
  if (!context) return;
  context.userId = principal.userId;
  context.role = principal.role;
  context.associationId = principal.associationId ?? undefined;
}

/**
 * Starts a request context for every request of this Fastify instance, with
 * `request.id`. Call it before `app.init()` (in app.factory.ts).
 *
 * `onRequest` enters the context with `enterWith`: the rest of the request
 * (Fastify hooks, body parsing, then Nest's guards, interceptors, pipes and
 * handler) runs in the same asynchronous chain. Body chunks, though, arrive
 * in the socket's callbacks, which another request on the same keep-alive
 * connection may have entered meanwhile: `preHandler`, the last hook before
 * the handler, enters this request's context object again, so the handler
 * (and `setPrincipal`, which updates that object) always see their own.
 */
export function registerRequestContext(fastify: FastifyInstance): void {
  if (registered.has(fastify)) return;
  registered.add(fastify);
  fastify.addHook('onRequest', (request, _reply, done) => {
    const context: RequestContext = { requestId: request.id };
    contexts.set(request, context);
    storage.enterWith(context);
    done();
  });
  fastify.addHook('preHandler', (request, _reply, done) => {
    const context = contexts.get(request);
    if (context && storage.getStore() !== context) storage.enterWith(context);
    done();
  });
}
