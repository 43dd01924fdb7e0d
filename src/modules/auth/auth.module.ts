import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { SessionsModule } from '../sessions/sessions.module';
import { UsersModule } from '../users/users.module';
import { AccessTokenService } from './access-token.service';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { JwtStrategy } from './jwt.strategy';
import { LocalStrategy } from './local.strategy';
import { LoginThrottleRepository } from './login-throttle.repository';
import { SignInLimits } from './sign-in-limits';
import { TotpController } from './totp.controller';
import { TotpService } from './totp.service';

@Module({
  imports: [PassportModule, SessionsModule, UsersModule],
  controllers: [AuthController, TotpController],
  providers: [
    AuthService,
    AccessTokenService,
    LoginThrottleRepository,
    SignInLimits,
    LocalStrategy,
    JwtStrategy,
    TotpService,
  ],
})
export class AuthModule {}
