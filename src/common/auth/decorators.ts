import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Permission } from './permission';
import { Principal } from './principal';

export const PERMISSION_KEY = 'toguna:permission';
export const PUBLIC_KEY = 'toguna:public';
export const DURING_PASSWORD_CHANGE_KEY = 'toguna:during-password-change';
export const DURING_TOTP_SETUP_KEY = 'toguna:during-totp-setup';

/** The one permission this route requires. */
export const RequirePermission = (permission: Permission): MethodDecorator & ClassDecorator =>
  SetMetadata(PERMISSION_KEY, permission);

/** Reachable without a token. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_KEY, true);

/** Still reachable while the account must change its password. */
export const AllowedDuringPasswordChange = (): MethodDecorator =>
  SetMetadata(DURING_PASSWORD_CHANGE_KEY, true);

/**
 * Still reachable by a user whose role must use TOTP (TOGUNA_REQUIRE_TOTP_ROLES)
 * and who has not enabled it yet: the account routes needed to set it up.
 */
export const AllowedDuringTotpSetup = (): MethodDecorator =>
  SetMetadata(DURING_TOTP_SETUP_KEY, true);

/** The signed-in user of this request (set by the global guard). */
export const CurrentPrincipal = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Principal => {
    const request = ctx.switchToHttp().getRequest<FastifyRequest & { principal?: Principal }>();
    if (!request.principal)
      throw new Error('CurrentPrincipal used on a route without authentication');
    return request.principal;
  },
);
