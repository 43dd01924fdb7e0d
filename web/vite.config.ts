import react from '@vitejs/plugin-react';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import { FIRST_DAY_SCREENS } from './sw/first-day.ts';

/** The JavaScript a first visit must download before the app can run, gzipped. */
const INITIAL_JS_LIMIT_BYTES = 200 * 1024;

/**
 * Prints every chunk's gzipped size and the initial total (entry chunk and its
 * static imports; screens load on demand), and fails the build over the limit.
 */
function bundleReport(): Plugin {
  return {
    name: 'toguna-bundle-report',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((b) => b.type === 'chunk');
      const byName = new Map(chunks.map((c) => [c.fileName, c]));
      const initial = new Set<string>();
      const visit = (fileName: string): void => {
        if (initial.has(fileName)) return;
        initial.add(fileName);
        for (const imported of byName.get(fileName)?.imports ?? []) visit(imported);
      };
      for (const chunk of chunks) if (chunk.isEntry) visit(chunk.fileName);
      const gz = (code: string): number => gzipSync(code, { level: 9 }).length;
      const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
      let total = 0;
      const rows = chunks
        .map((c) => ({ name: c.fileName, gzip: gz(c.code), initial: initial.has(c.fileName) }))
        .sort((a, b) => Number(b.initial) - Number(a.initial) || b.gzip - a.gzip);
      for (const row of rows) if (row.initial) total += row.gzip;
      const lines = rows.map(
        (r) => `  ${r.initial ? 'initial ' : 'on demand'}  ${kb(r.gzip).padStart(9)}  ${r.name}`,
      );
      // Printed as is (not through the build logger) so that CI logs always show it.
      console.log(
        `\nJavaScript bundle (gzipped):\n${lines.join('\n')}\n` +
          `  initial JavaScript: ${kb(total)} of ${kb(INITIAL_JS_LIMIT_BYTES)} allowed\n`,
      );
      if (total > INITIAL_JS_LIMIT_BYTES)
        this.error(`initial JavaScript ${kb(total)} exceeds ${kb(INITIAL_JS_LIMIT_BYTES)}`);
    },
  };
}

/**
 * Emits sw.js with the files it downloads on install — the shell (page,
 * entry bundle and what it imports, styles, icons) and the first-day screens
 * with theirs — and a version from their names. The other screens are kept
 * by the worker when first opened.
 */
function serviceWorker(): Plugin {
  return {
    name: 'toguna-service-worker',
    apply: 'build',
    // After Vite's own steps: they drop chunks that hold only CSS, and a listed
    // file that does not exist would stop the worker from installing at all.
    enforce: 'post',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((b) => b.type === 'chunk');
      const byName = new Map(chunks.map((c) => [c.fileName, c]));
      const files = new Set<string>();
      const take = (fileName: string): void => {
        if (files.has(fileName)) return;
        files.add(fileName);
        const chunk = byName.get(fileName);
        for (const css of chunk?.viteMetadata?.importedCss ?? []) files.add(css);
        for (const imported of chunk?.imports ?? []) take(imported);
      };
      for (const chunk of chunks) if (chunk.isEntry) take(chunk.fileName);
      const root = new URL('.', import.meta.url).pathname;
      for (const screen of FIRST_DAY_SCREENS) {
        const chunk = chunks.find((c) => c.facadeModuleId === `${root}${screen}`);
        if (!chunk) this.error(`first-day screen ${screen} is not a chunk of this build`);
        take(chunk.fileName);
      }
      const precache = [
        '/index.html',
        '/manifest.webmanifest',
        '/icon.svg',
        '/icon-maskable.svg',
        ...[...files].sort().map((f) => `/${f}`),
      ];
      const all = Object.keys(bundle).filter((f) => !f.endsWith('.map') && f !== 'sw.js');
      const version = createHash('sha256').update(all.sort().join('\n')).digest('hex').slice(0, 12);
      const source = readFileSync(new URL('./sw/sw.js', import.meta.url), 'utf8')
        .replace('__VERSION__', version)
        .replace('__PRECACHE__', JSON.stringify(precache));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}

/** The files a browser downloads as text: the ones worth compressing. */
const COMPRESSIBLE = /\.(html|js|css|svg|webmanifest|json)$/;

/**
 * Writes a brotli (.br) and a gzip (.gz) copy beside every text file of the
 * build, at the strongest settings (done once, here, not per request): the
 * server sends the copy the browser accepts (serve-web-app.ts). A copy that
 * would not be smaller is not written.
 */
function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'toguna-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir.startsWith('/')
        ? config.build.outDir
        : join(config.root, config.build.outDir);
    },
    writeBundle() {
      const walk = (dir: string): string[] =>
        readdirSync(dir).flatMap((name) => {
          const path = join(dir, name);
          return statSync(path).isDirectory() ? walk(path) : [path];
        });
      for (const path of walk(outDir).filter((p) => COMPRESSIBLE.test(p))) {
        const source = readFileSync(path);
        const copies: [string, Buffer][] = [
          [
            '.br',
            brotliCompressSync(source, {
              params: {
                [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
                [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
                [constants.BROTLI_PARAM_SIZE_HINT]: source.length,
              },
            }),
          ],
          ['.gz', gzipSync(source, { level: 9 })],
        ];
        for (const [suffix, copy] of copies)
          if (copy.length < source.length) writeFileSync(path + suffix, copy);
      }
    },
  };
}

export default defineConfig({
  plugins: [react(), serviceWorker(), bundleReport(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    // The report above prints sizes; Vite's own warning threshold is not ours.
    chunkSizeWarningLimit: 400,
    reportCompressedSize: false,
    // Fewer, larger files: on 2G each request costs a round trip and ~1 KB of
    // headers. One style sheet (3 KB on the wire); the code each screen shares
    // with others in one chunk; everything the first screen needs in the entry.
    cssCodeSplit: false,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'initial', tags: ['$initial'], priority: 2 },
            { name: 'shared', test: /web[\\/]src[\\/]/, minShareCount: 2, priority: 1 },
          ],
        },
      },
    },
  },
  // Preact's React compatibility layer in place of React: the same components
  // and hooks, 22 KB of initial JavaScript instead of 78 KB (gzip), which is
  // about 1.5 s less before the first screen on 2G, and less to parse on a
  // cheap phone. The types stay React's (web/tsconfig.json).
  resolve: {
    alias: [
      { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
      { find: /^react-dom$/, replacement: 'preact/compat' },
      { find: /^react\/jsx-runtime$/, replacement: 'preact/jsx-runtime' },
      { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/jsx-runtime' },
      { find: /^react$/, replacement: 'preact/compat' },
    ],
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:3000',
      '/.well-known': 'http://127.0.0.1:3000',
    },
  },
});
