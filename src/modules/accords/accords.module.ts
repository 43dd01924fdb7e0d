import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { CasesModule } from '../cases/cases.module';
import {
  AccordsController,
  CaseAccordsController,
  FlagsController,
  TermsController,
} from './accords.controller';
import { AccordsRepository } from './accords.repository';
import { AccordsService } from './accords.service';

/** Accords of a dialogue case: terms (with revisions), follow-up checks, health, flags. */
@Module({
  imports: [CasesModule, NotificationsModule],
  controllers: [CaseAccordsController, AccordsController, TermsController, FlagsController],
  providers: [AccordsRepository, AccordsService],
  exports: [AccordsRepository, AccordsService],
})
export class AccordsModule {}
