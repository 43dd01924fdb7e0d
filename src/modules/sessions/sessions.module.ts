import { Module } from '@nestjs/common';
import { PrincipalCache } from './principal-cache';
import { SessionsRepository } from './sessions.repository';
import { StepUpService } from './step-up.service';
import { TrustedDevicesRepository } from './trusted-devices.repository';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Session } from './session.entity';
import { RefreshToken } from './refresh-token.entity';
import { TrustedDevice } from './trusted-device.entity';
import './sessions.errors';

/** The tables this module owns. */
const ENTITIES = [Session, RefreshToken, TrustedDevice];

/**
 * Server-side sessions and trusted devices: every module that must end them
 * (auth, users) imports this one; a module that needs a recent step-up uses
 * StepUpService.
 */
@Module({
  imports: [TypeOrmModule.forFeature(ENTITIES)],
  providers: [SessionsRepository, StepUpService, TrustedDevicesRepository, PrincipalCache],
  exports: [SessionsRepository, StepUpService, TrustedDevicesRepository],
})
export class SessionsModule {
  static readonly entities = ENTITIES;
}
