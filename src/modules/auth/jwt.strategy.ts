import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { Strategy } from 'passport-custom';
import { Principal } from '../../common/auth/principal';
import { AppError } from '../../common/http/app-error';
import { SessionsRepository } from '../sessions';
import { AccessTokenService } from './access-token.service';

/** Bearer access token → live session → principal (used by the global AccessGuard). */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    private readonly tokens: AccessTokenService,
    private readonly sessions: SessionsRepository,
  ) {
    super();
  }

  async validate(request: FastifyRequest): Promise<Principal> {
    const header = request.headers.authorization;
    const match = header ? /^Bearer ([A-Za-z0-9_.-]+)$/.exec(header) : null;
    if (!match) throw new AppError('unauthenticated');
    const claims = await this.tokens.verify(match[1]);
    if (!claims) throw new AppError('unauthenticated');
    const principal = await this.sessions.loadPrincipal(claims.sessionId, claims.userId);
    if (!principal) throw new AppError('unauthenticated');
    return principal;
  }
}
