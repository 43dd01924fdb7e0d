import compress from '@fastify/compress';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { RouteConfig } from '@nestjs/platform-fastify';
import { constants } from 'node:zlib';

/** Answers smaller than this gain too little to be worth compressing. */
export const COMPRESSION_THRESHOLD_BYTES = 1024;

/**
 * Keeps this route's answers uncompressed. For answers that carry a secret
 * (tokens, a TOTP secret) beside text a third party may influence: with
 * compression, the size of the answer would leak the secret byte by byte
 * (BREACH).
 */
export const NoCompression = (): MethodDecorator => RouteConfig({ compress: false });

/**
 * Compresses API answers over 1 KB (brotli, else gzip, as the client
 * accepts) and marks them `vary: accept-encoding`. Files of the web app come
 * compressed from the build (serve-web-app.ts) and pass through untouched;
 * PDFs and other binary types are left as they are. Request bodies are not
 * decompressed: a client sends plain JSON, as before.
 */
export async function registerCompression(app: NestFastifyApplication): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  // Before the plugin's own onRoute hook, which reads `compress` on the route.
  fastify.addHook('onRoute', (route) => {
    const config: { compress?: unknown } | undefined = route.config;
    if (config?.compress === false) route.compress = false;
  });
  await app.register(compress, {
    threshold: COMPRESSION_THRESHOLD_BYTES,
    encodings: ['br', 'gzip'],
    // Brotli's quality 11 costs too much CPU per request; 5 is close to it on JSON.
    brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } },
    globalDecompression: false,
  });
}
