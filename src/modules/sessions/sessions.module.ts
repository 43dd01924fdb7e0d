import { Module } from '@nestjs/common';
import { SessionsRepository } from './sessions.repository';
import { StepUpService } from './step-up.service';
import { TrustedDevicesRepository } from './trusted-devices.repository';

/**
 * Server-side sessions and trusted devices: every module that must end them
 * (auth, users) imports this one; a module that needs a recent step-up uses
 * StepUpService.
 */
@Module({
  providers: [SessionsRepository, StepUpService, TrustedDevicesRepository],
  exports: [SessionsRepository, StepUpService, TrustedDevicesRepository],
})
export class SessionsModule {}
