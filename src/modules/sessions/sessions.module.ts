import { Module } from '@nestjs/common';
import { SessionsRepository } from './sessions.repository';

/** Server-side sessions: every module that must end them (auth, users) imports this one. */
@Module({
  providers: [SessionsRepository],
  exports: [SessionsRepository],
})
export class SessionsModule {}
