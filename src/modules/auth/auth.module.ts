import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { PhonesModule } from '../phones';
import { SessionsModule } from '../sessions';
import { UsersModule } from '../users';
import { AccessTokenService } from './access-token.service';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { JwtStrategy } from './jwt.strategy';
import { LocalStrategy } from './local.strategy';
import { LoginThrottleRepository } from './login-throttle.repository';
import { SignInLimits } from './sign-in-limits';
import { TotpController } from './totp.controller';
import { TotpService } from './totp.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoginThrottle } from './login-throttle.entity';
import './auth.errors';

/** The tables this module owns. */
const ENTITIES = [LoginThrottle];

@Module({
  imports: [
    TypeOrmModule.forFeature(ENTITIES),
    PassportModule,
    SessionsModule,
    UsersModule,
    PhonesModule,
  ],
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
export class AuthModule {
  static readonly entities = ENTITIES;
}
