import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';

/**
 * Serves the built web app at `/`. Hashed bundles under /assets never change,
 * so browsers keep them; the page, the service worker and the manifest are
 * revalidated on every visit so that a new release reaches phones.
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
    setHeaders: (reply, path) => {
      void reply.header(
        'cache-control',
        /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
}
