import { Module } from '@nestjs/common';
import { CaseErasureHooks } from './case-erasure-hooks';
import { CaseErasureController } from './case-erasure.controller';
import { CaseErasureRepository } from './case-erasure.repository';
import { CaseErasureService } from './case-erasure.service';
import { CaseOverlapsRepository } from './case-overlaps.repository';
import { CasesController } from './cases.controller';
import { CasesRepository } from './cases.repository';
import { CasesService } from './cases.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '../notifications';
import { SessionsModule } from '../sessions';
import { DialogueCase } from './dialogue-case.entity';
import { CaseTeamMember } from './case-team-member.entity';
import { CaseTransition } from './case-transition.entity';
import './cases.errors';

/** The tables this module owns. */
const ENTITIES = [DialogueCase, CaseTeamMember, CaseTransition];

/** Dialogue cases: create, list, read, update, status transitions, history, erasure. */
@Module({
  imports: [TypeOrmModule.forFeature(ENTITIES), SessionsModule, NotificationsModule],
  controllers: [CasesController, CaseErasureController],
  providers: [
    CasesRepository,
    CaseOverlapsRepository,
    CasesService,
    CaseErasureRepository,
    CaseErasureService,
    CaseErasureHooks,
  ],
  exports: [CasesRepository, CaseOverlapsRepository, CasesService, CaseErasureHooks],
})
export class CasesModule {
  static readonly entities = ENTITIES;
}
