import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications';
import { CasesModule } from '../cases';
import {
  AccordsController,
  CaseAccordsController,
  FlagsController,
  TermsController,
} from './accords.controller';
import { AccordScopes } from './accord-scopes';
import { AccordStandingService } from './accord-standing.service';
import { AccordsRepository } from './accords.repository';
import { AccordsService } from './accords.service';
import { CaseMoves } from './case-moves';
import { FlagsRepository } from './flags.repository';
import { FlagsService } from './flags.service';
import { FollowUpsRepository } from './follow-ups.repository';
import { FollowUpsService } from './follow-ups.service';
import { TermsRepository } from './terms.repository';
import { TermsService } from './terms.service';
import { SmsAccords } from './sms-accords.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Accord } from './accord.entity';
import { AccordTerm } from './accord-term.entity';
import { AccordTermRevision } from './accord-term-revision.entity';
import { AccordCheckSummary } from './accord-check-summary.entity';
import { FollowUp } from './follow-up.entity';
import { FollowUpAssessment } from './follow-up-assessment.entity';
import { Incident } from './incident.entity';
import { AccordFlag } from './accord-flag.entity';

/** The tables this module owns. */
const ENTITIES = [
  Accord,
  AccordTerm,
  AccordTermRevision,
  AccordCheckSummary,
  FollowUp,
  FollowUpAssessment,
  Incident,
  AccordFlag,
];

/** Accords of a dialogue case: terms (with revisions), follow-up checks, health, flags. */
@Module({
  imports: [TypeOrmModule.forFeature(ENTITIES), CasesModule, NotificationsModule],
  controllers: [CaseAccordsController, AccordsController, TermsController, FlagsController],
  providers: [
    AccordsRepository,
    TermsRepository,
    FollowUpsRepository,
    FlagsRepository,
    AccordScopes,
    AccordStandingService,
    CaseMoves,
    AccordsService,
    TermsService,
    FollowUpsService,
    FlagsService,
    SmsAccords,
  ],
  exports: [FollowUpsService, FlagsService, SmsAccords],
})
export class AccordsModule {
  static readonly entities = ENTITIES;
}
