import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer, NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { AppModule } from '../../src/app.module';
import { PERMISSION_KEY, PUBLIC_KEY } from '../../src/common/auth/decorators';
import { Permission } from '../../src/common/auth/permission';
import { loadConfig } from '../../src/config/app-config';

export interface RouteDeclaration {
  method: string;
  path: string;
  handler: string;
  permission: Permission | undefined;
  isPublic: boolean;
}

function join(...parts: (string | undefined)[]): string {
  return `/${parts
    .filter((p): p is string => Boolean(p))
    .map((p) => p.replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/')}`;
}

/**
 * Every controller route of the application with what it declares, read from
 * the module graph without connecting to anything (Nest preview mode).
 */
export async function listRoutes(): Promise<RouteDeclaration[]> {
  const config = loadConfig({ NODE_ENV: 'test', TOGUNA_DATA_DIR: '/nonexistent' });
  const app = await NestFactory.create(
    AppModule.forRoot(config, 'postgres://unused@127.0.0.1:1/unused'),
    new FastifyAdapter(),
    {
      preview: true,
      logger: false,
      abortOnError: false,
    },
  );
  const routes: RouteDeclaration[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: unknown[]) => object) | null;
      if (!controller) continue;
      const base = Reflect.getMetadata(PATH_METADATA, controller) as string | undefined;
      const classPublic = Reflect.getMetadata(PUBLIC_KEY, controller) as boolean | undefined;
      const classPermission = Reflect.getMetadata(PERMISSION_KEY, controller) as
        Permission | undefined;
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (path === undefined || method === undefined) continue;
        routes.push({
          method: RequestMethod[method],
          path: join(base, path),
          handler: `${controller.name}.${name}`,
          permission:
            (Reflect.getMetadata(PERMISSION_KEY, handler) as Permission | undefined) ??
            classPermission,
          isPublic: Boolean(
            (Reflect.getMetadata(PUBLIC_KEY, handler) as boolean | undefined) ?? classPublic,
          ),
        });
      }
    }
  }
  await app.close();
  return routes.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}
