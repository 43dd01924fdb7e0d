/**
 * openapi/openapi.json is the published contract, generated from the code.
 *   write   regenerate it
 *   check   fail when the committed file differs from what the code describes
 */
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppModule } from '../src/app.module';
import { loadConfig } from '../src/config/app-config';
import { buildOpenApiDocument } from '../src/openapi';

const FILE = join(__dirname, '..', 'openapi', 'openapi.json');

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

async function generate(): Promise<string> {
  const config = loadConfig({ NODE_ENV: 'test', TOGUNA_DATA_DIR: '/nonexistent' });
  // Preview mode builds the module graph without connecting to a database.
  const app = await NestFactory.create(
    AppModule.forRoot(config, 'postgres://unused@127.0.0.1:1/unused'),
    new FastifyAdapter(),
    {
      preview: true,
      logger: false,
    },
  );
  const document = buildOpenApiDocument(app);
  await app.close();
  return `${JSON.stringify(sortKeys(document), null, 2)}\n`;
}

async function main(): Promise<number> {
  const mode = process.argv[2];
  const text = await generate();
  if (mode === 'write') {
    mkdirSync(dirname(FILE), { recursive: true });
    writeFileSync(FILE, text);
    console.log(`wrote ${FILE}`);
    return 0;
  }
  if (mode === 'check') {
    const committed = existsSync(FILE) ? readFileSync(FILE, 'utf8') : '';
    if (committed !== text) {
      console.error(
        'openapi/openapi.json is out of date with the code: run `npm run openapi:write` and commit it.',
      );
      return 1;
    }
    console.log('openapi:check: openapi/openapi.json matches the code.');
    return 0;
  }
  console.error('usage: ts-node scripts/openapi.ts write | check');
  return 2;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
