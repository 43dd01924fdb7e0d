import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';

/** The compressed copies the build writes beside each file (web/vite.config.ts). */
const COMPRESSED_COPY = /\.(br|gz)$/;

/**
 * Serves the built web app at `/`. Hashed bundles under /assets never change,
 * so browsers keep them; the page, the service worker and the manifest are
 * revalidated on every visit so that a new release reaches phones. Each file
 * goes out as the brotli or gzip copy made at build time when the browser
 * accepts one (`content-encoding`, `vary: accept-encoding`): on a 2G link the
 * app's code is a quarter of its size.
 */
export async function serveWebApp(
  app: NestFastifyApplication,
  webDir: string,
  logger: Logger,
): Promise<void> {
  if (!existsSync(join(webDir, 'index.html'))) {
    logger.warn({ webDir }, 'web app not built (npm run build -w web): not served');
    return;
  }
  await app.register(fastifyStatic, {
    root: webDir,
    prefix: '/',
    // One route per file found now, so API routes and 404 problems are untouched.
    wildcard: false,
    index: ['index.html'],
    decorateReply: false,
    preCompressed: true,
    // The copies are sent in place of their file, never asked for by name.
    allowedPath: (path) => !COMPRESSED_COPY.test(path),
    setHeaders: (reply, path) => {
      void reply.header(
        'cache-control',
        /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
}
