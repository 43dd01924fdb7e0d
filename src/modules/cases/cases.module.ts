import { Module } from '@nestjs/common';
import { CaseOverlapsRepository } from './case-overlaps.repository';
import { CasesController } from './cases.controller';
import { CasesRepository } from './cases.repository';
import { CasesService } from './cases.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DialogueCase } from './dialogue-case.entity';
import { CaseTeamMember } from './case-team-member.entity';
import { CaseTransition } from './case-transition.entity';
import './cases.errors';

/** The tables this module owns. */
const ENTITIES = [DialogueCase, CaseTeamMember, CaseTransition];

/** Dialogue cases: create, list, read, update, status transitions, history. */
@Module({
  imports: [TypeOrmModule.forFeature(ENTITIES)],
  controllers: [CasesController],
  providers: [CasesRepository, CaseOverlapsRepository, CasesService],
  exports: [CasesRepository, CaseOverlapsRepository, CasesService],
})
export class CasesModule {
  static readonly entities = ENTITIES;
}
