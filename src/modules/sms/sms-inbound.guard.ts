import { CanActivate, ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../common/http/app-error';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { gatewayAuthenticated, gatewayEnabled, InboundGateway } from './sms-gateways';

declare module 'fastify' {
  interface FastifyRequest {
    /** The body as received, kept for the SMS routes' signature checks. */
    rawBody?: string;
  }
}

const GATEWAY_KEY = 'toguna:sms-gateway';

/** The gateway whose posts this route takes. */
export const InboundFrom = (gateway: InboundGateway): MethodDecorator =>
  SetMetadata(GATEWAY_KEY, gateway);

/**
 * Before anything is read: 404 when SMS is off (TOGUNA_SMS_SECRET unset) or
 * this gateway is not configured; 401 when the post is not the gateway's
 * (signature, timestamp or URL token). Nothing is written either way.
 */
@Injectable()
export class SmsInboundGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const gateway = this.reflector.get<InboundGateway>(GATEWAY_KEY, context.getHandler());
    const sms = this.config.sms;
    if (!sms || !gatewayEnabled(sms, gateway)) throw new AppError('not_found');
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const authentic = gatewayAuthenticated(sms, gateway, {
      rawBody: request.rawBody ?? '',
      headers: request.headers,
      url: request.url,
      query: (request.query ?? {}) as Record<string, unknown>,
      body: request.body,
    });
    if (!authentic) throw new AppError('unauthenticated');
    return true;
  }
}
