import { randomUUID } from 'node:crypto';
import { Browser } from 'playwright-core';
import { join } from 'node:path';
import { CaseStatus } from '../../../src/modules/cases/case-status';
import { bearer, Factory, login, PASSWORD, TestUser } from '../../support/factories';
import { startTestApp, TestApp } from '../../support/test-app';
import { launchBrowser } from './browser';

export { PASSWORD };

/** The API serving the built web app on a free port, on a fresh database. */
export interface WebStack {
  api: TestApp;
  baseURL: string;
  factory: Factory;
  close(): Promise<void>;
}

export async function startWebStack(env: Record<string, string> = {}): Promise<WebStack> {
  const api = await startTestApp({
    // A build elsewhere (vite build --outDir) can be tested while web/dist is rebuilt.
    TOGUNA_WEB_DIR:
      process.env.TOGUNA_TEST_WEB_DIR ?? join(__dirname, '..', '..', '..', 'web', 'dist'),
    ...env,
  });
  await api.app.listen({ port: 0, host: '127.0.0.1' });
  const address = api.app.getHttpServer().address();
  if (!address || typeof address === 'string') throw new Error('no TCP address');
  return {
    api,
    baseURL: `http://127.0.0.1:${address.port}`,
    factory: new Factory(api.db),
    close: () => api.close(),
  };
}

/**
 * The people of a typical story: one association with a coordinator and two
 * mediators, an official whose authority covers the cercle of Koro, an admin,
 * and the commune of Dinangourou (in Koro) where their cases happen.
 */
export interface Cast {
  communeId: string;
  cercleId: string;
  associationId: string;
  authority: { id: string; name: string };
  coordinator: TestUser;
  mediator: TestUser;
  mediator2: TestUser;
  official: TestUser;
  admin: TestUser;
}

export async function castOf(stack: WebStack): Promise<Cast> {
  const f = stack.factory;
  const communeId = await f.areaId('Dinangourou', 'commune');
  const cercleId = await f.areaId('Koro', 'cercle');
  const association = await f.association({ name: `Association Koro ${randomUUID().slice(0, 4)}` });
  const authority = await f.authority({ name: 'Préfecture de Koro', areaIds: [cercleId] });
  const member = (username: string) => ({ username, associationId: association.id });
  return {
    communeId,
    cercleId,
    associationId: association.id,
    authority,
    coordinator: await f.user('coordinator', member(`coord-${randomUUID().slice(0, 6)}`)),
    mediator: await f.user('mediator', member(`amadou-${randomUUID().slice(0, 6)}`)),
    mediator2: await f.user('mediator', member(`fatou-${randomUUID().slice(0, 6)}`)),
    official: await f.user('official', {
      username: `prefet-${randomUUID().slice(0, 6)}`,
      authorityId: authority.id,
    }),
    admin: await f.user('admin', { username: `admin-${randomUUID().slice(0, 6)}` }),
  };
}

export interface WebWorld {
  stack: WebStack;
  cast: Cast;
  browser: Browser;
}

/**
 * The usual setting of a browser test file, made in its beforeAll and torn
 * down in its afterAll: the API serving the app, the cast, one Chromium.
 * The returned object is filled in once beforeAll has run.
 */
/** `env`: settings of the API under test (e.g. SMS on). */
export function webWorld(env: Record<string, string> = {}): WebWorld {
  const world = {} as WebWorld;
  beforeAll(async () => {
    world.stack = await startWebStack(env);
    world.cast = await castOf(world.stack);
    world.browser = await launchBrowser();
  });
  afterAll(async () => {
    await world.browser?.close();
    await world.stack?.close();
  });
  return world;
}

/**
 * A case of the cast's association in Dinangourou, opened by its coordinator,
 * with the first mediator as lead unless `team` says otherwise. Its id.
 */
export async function caseOfCast(
  world: WebWorld,
  options: { codeName: string; status?: CaseStatus; team?: { userId: string; lead?: boolean }[] },
): Promise<string> {
  const { id } = await world.stack.factory.dialogueCase({
    associationId: world.cast.associationId,
    areaId: world.cast.communeId,
    createdBy: world.cast.coordinator.id,
    status: options.status,
    codeName: options.codeName,
    team: options.team ?? [{ userId: world.cast.mediator.id, lead: true }],
  });
  return id;
}

/**
 * Arranging through the API as one user: `create(path, body)` POSTs to
 * `/api/v1<path>`, expects 201 and gives the new record's id.
 */
export async function apiAs(
  world: WebWorld,
  username: string,
): Promise<(path: string, body: object) => Promise<string>> {
  const auth = bearer((await login(world.stack.api.http, username)).accessToken);
  return async (path, body) => {
    const res = await world.stack.api.http.post(`/api/v1${path}`).set(auth).send(body).expect(201);
    return res.body.id as string;
  };
}
