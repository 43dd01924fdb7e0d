import { ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { AuditService } from '../audit/audit.service';
import { setPrincipal } from '../audit/request-context';
import { AppError } from '../http/app-error';
import { ErrorCode } from '../http/error-catalogue';
import {
  DURING_PASSWORD_CHANGE_KEY,
  DURING_TOTP_SETUP_KEY,
  PERMISSION_KEY,
  PUBLIC_KEY,
} from './decorators';
import { Permission } from './permission';
import { Principal } from './principal';
import { pendingMemberHas, roleHas } from './role-permissions';

/**
 * Global guard, deny by default: a route is reachable only if it is @Public,
 * or the caller has a live session and the route's declared permission.
 */
@Injectable()
export class AccessGuard extends AuthGuard('jwt') {
  private readonly requireTotpRoles: ReadonlySet<string>;

  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super();
    this.requireTotpRoles = new Set(config.requireTotpRoles);
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    await super.canActivate(context);
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: Principal }>();
    const principal = request.user as Principal;
    request.principal = principal;
    setPrincipal(principal);

    const duringPasswordChange = this.reflector.get<boolean>(
      DURING_PASSWORD_CHANGE_KEY,
      context.getHandler(),
    );
    if (principal.mustChangePassword && !duringPasswordChange) {
      return this.deny(principal, 'password_change_required');
    }
    if (
      !principal.totpEnabled &&
      this.requireTotpRoles.has(principal.role) &&
      !this.reflector.get<boolean>(DURING_TOTP_SETUP_KEY, context.getHandler())
    ) {
      return this.deny(principal, 'totp_setup_required');
    }
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(
      PERMISSION_KEY,
      targets,
    );
    if (!permission || !roleHas(principal.role, permission)) {
      return this.deny(principal, 'forbidden', permission);
    }
    // Separation of duties: an account an admin created stays out of case
    // content until a coordinator of its association confirms it.
    if (principal.pending && !pendingMemberHas(permission)) {
      return this.deny(principal, 'account_pending', permission);
    }
    return true;
  }

  /** Every refused authorization leaves an audit event before the 403. */
  private async deny(principal: Principal, code: ErrorCode, permission?: string): Promise<never> {
    await this.audit.recordNow({
      action: 'authz.denied',
      entityType: 'user',
      entityId: principal.userId,
      associationId: principal.associationId,
      details: { reason_code: code, permission },
    });
    throw new AppError(code);
  }

  override handleRequest<T>(error: unknown, user: T | false): T {
    if (error) throw error instanceof Error ? error : new AppError('unauthenticated');
    if (!user) throw new AppError('unauthenticated');
    return user;
  }
}
