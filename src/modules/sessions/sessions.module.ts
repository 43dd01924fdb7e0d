import { Module } from '@nestjs/common';
import { SessionsRepository } from './sessions.repository';
import { StepUpService } from './step-up.service';

/**
 * Server-side sessions: every module that must end them (auth, users) imports
 * this one; a module that needs a recent step-up uses StepUpService.
 */
@Module({
  providers: [SessionsRepository, StepUpService],
  exports: [SessionsRepository, StepUpService],
})
export class SessionsModule {}
