import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, TestApp } from '../support/test-app';

/** A stand-in for `npm run build -w web`: the served files' names are what matters. */
function fakeBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'toguna-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Toguna</title>');
  writeFileSync(join(dir, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  writeFileSync(join(dir, 'manifest.webmanifest'), '{"name":"Toguna"}');
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1);');
  return dir;
}

describe('the web app served by the API', () => {
  let t: TestApp;
  let webDir: string;

  beforeAll(async () => {
    webDir = fakeBuild();
    t = await startTestApp({ TOGUNA_WEB_DIR: webDir });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  it('serves the page at / revalidated on every visit, under the same security headers', async () => {
    const res = await t.http.get('/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('<title>Toguna</title>');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('lets browsers keep hashed bundles, and always revalidates the service worker', async () => {
    const bundle = await t.http.get('/assets/index-abc123.js');
    expect(bundle.status).toBe(200);
    expect(bundle.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const worker = await t.http.get('/sw.js');
    expect(worker.status).toBe(200);
    expect(worker.headers['cache-control']).toBe('no-cache');
  });

  it('leaves the API and its problem documents as they were', async () => {
    const missing = await t.http.get('/assets/nothing-here.js');
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toMatch(/application\/problem\+json/);
    const api = await t.http.get('/api/v1/cases');
    expect(api.status).toBe(401);
    expect((await t.http.get('/health')).status).toBe(200);
  });

  it('serves nothing at / when the web app was not built', async () => {
    const bare = await startTestApp({ TOGUNA_WEB_DIR: join(webDir, 'absent') });
    try {
      const res = await bare.http.get('/');
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    } finally {
      await bare.close();
    }
  });
});
