import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../http/app-error';
import { DURING_PASSWORD_CHANGE_KEY, PERMISSION_KEY, PUBLIC_KEY } from './decorators';
import { Permission } from './permission';
import { Principal } from './principal';
import { roleHas } from './role-permissions';

/**
 * Global guard, deny by default: a route is reachable only if it is @Public,
 * or the caller has a live session and the route's declared permission.
 */
@Injectable()
export class AccessGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    await super.canActivate(context);
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: Principal }>();
    const principal = request.user as Principal;
    request.principal = principal;

    const duringPasswordChange = this.reflector.get<boolean>(
      DURING_PASSWORD_CHANGE_KEY,
      context.getHandler(),
    );
    if (principal.mustChangePassword && !duringPasswordChange) {
      throw new AppError('password_change_required');
    }
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(
      PERMISSION_KEY,
      targets,
    );
    if (!permission || !roleHas(principal.role, permission)) throw new AppError('forbidden');
    return true;
  }

  override handleRequest<T>(error: unknown, user: T | false): T {
    if (error) throw error instanceof Error ? error : new AppError('unauthenticated');
    if (!user) throw new AppError('unauthenticated');
    return user;
  }
}
