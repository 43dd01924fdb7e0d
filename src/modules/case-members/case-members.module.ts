import { Module } from '@nestjs/common';
import { AccessModule } from '../../common/access/access.module';
import { NotificationsModule } from '../notifications';
import { CaseMembersController } from './case-members.controller';
import { ParticipantsRepository } from './participants.repository';
import { ParticipantsService } from './participants.service';
import { PartiesRepository } from './parties.repository';
import { PartiesService } from './parties.service';
import { TeamRepository } from './team.repository';
import { TeamService } from './team.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CasesModule } from '../cases';
import { CaseParty } from './case-party.entity';
import { CaseParticipant } from './case-participant.entity';
import './case-members.errors';

/** The tables this module owns. */
const ENTITIES = [CaseParty, CaseParticipant];

/** Team, parties and participants of a dialogue case. */
@Module({
  imports: [TypeOrmModule.forFeature(ENTITIES), AccessModule, NotificationsModule, CasesModule],
  controllers: [CaseMembersController],
  providers: [
    TeamRepository,
    TeamService,
    PartiesRepository,
    PartiesService,
    ParticipantsRepository,
    ParticipantsService,
  ],
  exports: [PartiesRepository],
})
export class CaseMembersModule {
  static readonly entities = ENTITIES;
}
