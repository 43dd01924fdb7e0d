import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Factory, PASSWORD } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/** The directives of a Content-Security-Policy header, by name. */
function directives(header: string | undefined): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of (header ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name, values);
  }
  return map;
}

/** The `<script>` elements of an HTML page that carry code instead of loading a file. */
function inlineScripts(html: string): string[] {
  return [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)]
    .filter(([, attributes, body]) => !/\bsrc\s*=/.test(attributes) || body.trim() !== '')
    .map(([tag]) => tag.slice(0, 80));
}

describe('HTTP hardening', () => {
  describe('Content-Security-Policy', () => {
    let t: TestApp;
    let webDir: string;

    beforeAll(async () => {
      webDir = mkdtempSync(join(tmpdir(), 'toguna-web-'));
      // The web app's real page shape (web/index.html): one module script loaded from a file.
      writeFileSync(
        join(webDir, 'index.html'),
        '<!doctype html><title>Toguna</title><div id="root"></div><script type="module" src="/assets/index-abc.js"></script>',
      );
      t = await startTestApp({ TOGUNA_WEB_DIR: webDir });
    });
    afterAll(async () => {
      await t?.close();
      rmSync(webDir, { recursive: true, force: true });
    });

    it.each(['/', '/docs', '/api/v1/cases', '/health'])(
      '%s: scripts only from the API’s own files, never inline',
      async (path) => {
        const res = await t.http.get(path);
        const csp = directives(res.headers['content-security-policy']);
        expect(csp.get('script-src')).toEqual(["'self'"]);
        expect(csp.get('script-src-attr')).toEqual(["'none'"]);
        expect(csp.get('default-src')).toEqual(["'self'"]);
      },
    );

    it('the pages served need no inline script: the web app and Swagger UI load files only', async () => {
      const docs = await t.http.get('/docs').redirects(1);
      expect(docs.status).toBe(200);
      expect(docs.text).toContain('swagger-ui-init.js');
      expect(inlineScripts(docs.text)).toEqual([]);
      const init = await t.http.get('/docs/swagger-ui-init.js');
      expect(init.status).toBe(200);
      expect(init.headers['content-type']).toMatch(/javascript/);
      const page = await t.http.get('/');
      expect(page.status).toBe(200);
      expect(inlineScripts(page.text)).toEqual([]);
      const built = join(__dirname, '..', '..', 'web', 'index.html');
      expect(inlineScripts(readFileSync(built, 'utf8'))).toEqual([]);
    });
  });

  describe('API docs', () => {
    it('production: no /docs and no OpenAPI document unless TOGUNA_DOCS=true', async () => {
      const off = await startTestApp({ NODE_ENV: 'production' });
      try {
        for (const path of ['/docs', '/docs/openapi.json', '/docs/openapi.yaml']) {
          const res = await off.http.get(path);
          expect(res.status).toBe(404);
          expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
        }
        expect((await off.http.get('/health')).status).toBe(200);
      } finally {
        await off.close();
      }
      const on = await startTestApp({ NODE_ENV: 'production', TOGUNA_DOCS: 'true' });
      try {
        const res = await on.http.get('/docs/openapi.json');
        expect(res.status).toBe(200);
        expect(res.body.openapi).toMatch(/^3\./);
      } finally {
        await on.close();
      }
    });

    it('elsewhere: on unless TOGUNA_DOCS=false', async () => {
      const dev = await startTestApp({ NODE_ENV: 'development' });
      try {
        expect((await dev.http.get('/docs/openapi.json')).status).toBe(200);
      } finally {
        await dev.close();
      }
      const off = await startTestApp({ TOGUNA_DOCS: 'false' });
      try {
        expect((await off.http.get('/docs/openapi.json')).status).toBe(404);
      } finally {
        await off.close();
      }
    });
  });

  describe('request ids', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp();
    });
    afterAll(async () => {
      await t?.close();
    });

    it('the audit trail records the server’s id, never one a client chose', async () => {
      const factory = new Factory(t.db);
      const [a, b] = [await factory.user('mediator'), await factory.user('coordinator')];
      const chosen = 'shared-id-0001';
      const answers = [];
      for (const user of [a, b]) {
        const res = await t.http
          .post('/api/v1/auth/login')
          .set('x-request-id', chosen)
          .send({ username: user.username, password: PASSWORD });
        expect(res.status).toBe(200);
        answers.push({ user, requestId: res.headers['x-request-id'] });
      }
      const refused = await t.http
        .get('/api/v1/cases')
        .set('x-request-id', chosen)
        .set('authorization', 'Bearer nope');
      expect(refused.status).toBe(401);
      expect(refused.body.requestId).toBe(refused.headers['x-request-id']);

      const ids = [...answers.map((x) => x.requestId), refused.body.requestId as string];
      for (const id of ids) {
        expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      }
      expect(new Set(ids).size).toBe(3);

      const { rows } = await t.db.query<{ request_id: string; actor_user_id: string }>(
        `SELECT request_id, actor_user_id FROM audit_event WHERE action = 'auth.login'`,
      );
      expect(rows.some((r) => r.request_id === chosen)).toBe(false);
      for (const { user, requestId } of answers) {
        expect(rows.filter((r) => r.request_id === requestId)).toEqual([
          { request_id: requestId, actor_user_id: user.id },
        ]);
      }
    });

    it('a well-formed client id is kept in the log line, beside the server’s; a malformed one is dropped', async () => {
      const good = await t.http.get('/health').set('x-request-id', 'client-corr-42');
      const bad = await t.http.get('/health').set('x-request-id', 'bad id <script>');
      const lines = readFileSync(t.logFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { req?: { id?: string; clientRequestId?: string } });
      const logged = (id: string) => lines.find((l) => l.req?.id === id)?.req;
      expect(logged(good.headers['x-request-id'])).toMatchObject({
        clientRequestId: 'client-corr-42',
      });
      expect(logged(bad.headers['x-request-id'])).toBeDefined();
      expect(logged(bad.headers['x-request-id'])).not.toHaveProperty('clientRequestId');
      expect(readFileSync(t.logFile, 'utf8')).not.toContain('<script>');
    });
  });
});
