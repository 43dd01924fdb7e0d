import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard, PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { Strategy } from 'passport-local';
import { AppError } from '../../common/http/app-error';
import { validateDto } from '../../common/http/validation';
import { AuthService, VerifiedSignIn } from './auth.service';
import { LoginDto } from './dto/login.dto';

/** Username and password sign-in (passport-local). */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly auth: AuthService) {
    super({
      usernameField: 'username',
      passwordField: 'password',
      passReqToCallback: true,
      session: false,
    });
  }

  validate(request: FastifyRequest, username: string, password: string): Promise<VerifiedSignIn> {
    const { totp, deviceToken } = request.body as LoginDto;
    return this.auth.verifyCredentials(username, password, request.ip, totp, deviceToken);
  }
}

/** Validates the body first, so a malformed request is a 400, not a failed sign-in. */
@Injectable()
export class LoginGuard extends AuthGuard('local') {
  override canActivate(context: ExecutionContext) {
    validateDto(LoginDto, context.switchToHttp().getRequest<FastifyRequest>().body);
    return super.canActivate(context);
  }

  override handleRequest<T>(error: unknown, user: T | false): T {
    if (error) throw error instanceof Error ? error : new AppError('unauthenticated');
    if (!user) throw new Error('local strategy returned no user');
    return user;
  }
}
