import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { startTestApp, TestApp } from '../support/test-app';

const PAGE = '<!doctype html><title>Toguna</title>';
/** A bundle big enough to be worth compressing, as the app's are. */
const BUNDLE = `console.log(${JSON.stringify('Toguna '.repeat(400))});`;

/**
 * A stand-in for `npm run build -w web`: the served files' names are what
 * matters, and the compressed copies the build writes beside them.
 */
function fakeBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'toguna-web-'));
  mkdirSync(join(dir, 'assets'));
  const write = (path: string, text: string, compressed = false) => {
    writeFileSync(join(dir, path), text);
    if (!compressed) return;
    writeFileSync(join(dir, `${path}.br`), brotliCompressSync(text));
    writeFileSync(join(dir, `${path}.gz`), gzipSync(text));
  };
  write('index.html', PAGE, true);
  write('sw.js', 'self.addEventListener("fetch", () => {});');
  write('manifest.webmanifest', '{"name":"Toguna"}');
  write('assets/index-abc123.js', BUNDLE, true);
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
    // supertest asks for gzip and decodes it, as a browser does.
    expect(res.headers['content-encoding']).toBe('gzip');
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

  it('sends the compressed copy the browser accepts, marked as such', async () => {
    const get = (path: string, encoding: string) =>
      t.app
        .getHttpAdapter()
        .getInstance()
        .inject({
          method: 'GET',
          url: path,
          headers: { 'accept-encoding': encoding },
        });
    const br = await get('/assets/index-abc123.js', 'br, gzip');
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(String(br.headers.vary)).toMatch(/accept-encoding/i);
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.rawPayload.equals(brotliCompressSync(BUNDLE))).toBe(true);

    const gzip = await get('/assets/index-abc123.js', 'gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.rawPayload.equals(gzipSync(BUNDLE))).toBe(true);

    const plain = await get('/assets/index-abc123.js', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.payload).toBe(BUNDLE);

    const page = await get('/', 'br');
    expect(page.headers['content-encoding']).toBe('br');
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.rawPayload.equals(brotliCompressSync(PAGE))).toBe(true);

    // The copies are not files of the app of their own.
    expect((await get('/assets/index-abc123.js.br', 'identity')).statusCode).toBe(404);
    expect((await get('/index.html.gz', 'identity')).statusCode).toBe(404);
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
