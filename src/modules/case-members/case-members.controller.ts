import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, RequirePermission } from '../../common/auth/decorators';
import { Permission } from '../../common/auth/permission';
import { Principal } from '../../common/auth/principal';
import { versionFromIfMatch, withEtag } from '../../common/http/etag';
import { PageQueryDto } from '../../common/http/pagination';
import { IdParam } from '../../common/http/params';
import { CreateParticipantDto, ParticipantPage, ParticipantResponse } from './dto/participant.dto';
import { CreatePartyDto, PartyPage, PartyResponse, UpdatePartyDto } from './dto/party.dto';
import { AddTeamMemberDto, TeamMemberResponse, TeamResponse } from './dto/team.dto';
import { ParticipantsService } from './participants.service';
import { PartiesService } from './parties.service';
import { TeamService } from './team.service';

/** Team, parties and participants of a dialogue case (each resolved to its case by AccessService). */
@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/v1/cases')
export class CaseMembersController {
  constructor(
    private readonly team: TeamService,
    private readonly parties: PartiesService,
    private readonly participants: ParticipantsService,
  ) {}

  @Get(':id/team')
  @ApiOperation({ summary: 'List a case’s team' })
  @RequirePermission(Permission.CasesRead)
  @ApiOkResponse({ type: TeamResponse })
  listTeam(@CurrentPrincipal() principal: Principal, @IdParam() id: string): Promise<TeamResponse> {
    return this.team.list(principal, id);
  }

  @Post(':id/team')
  @ApiOperation({ summary: 'Add a mediator to a case’s team' })
  @HttpCode(201)
  @RequirePermission(Permission.CaseTeamManage)
  @ApiCreatedResponse({ type: TeamMemberResponse })
  addTeamMember(
    @CurrentPrincipal() principal: Principal,
    @IdParam() id: string,
    @Body() dto: AddTeamMemberDto,
  ): Promise<TeamMemberResponse> {
    return this.team.add(principal, id, dto);
  }

  @Delete(':id/team/:userId')
  @ApiOperation({ summary: 'Remove a mediator from a case’s team' })
  @HttpCode(204)
  @RequirePermission(Permission.CaseTeamManage)
  @ApiNoContentResponse()
  async removeTeamMember(
    @CurrentPrincipal() principal: Principal,
    @IdParam() id: string,
    @IdParam('userId') userId: string,
  ): Promise<void> {
    await this.team.remove(principal, id, userId);
  }

  @Get(':id/parties')
  @ApiOperation({ summary: 'List a case’s parties' })
  @RequirePermission(Permission.CasesRead)
  @ApiOkResponse({ type: PartyPage })
  listParties(
    @CurrentPrincipal() principal: Principal,
    @IdParam() id: string,
    @Query() query: PageQueryDto,
  ): Promise<PartyPage> {
    return this.parties.list(principal, id, query);
  }

  @Post(':id/parties')
  @ApiOperation({ summary: 'Add a party to a case' })
  @HttpCode(201)
  @RequirePermission(Permission.CasesUpdate)
  @ApiCreatedResponse({ type: PartyResponse })
  async createParty(
    @CurrentPrincipal() principal: Principal,
    @IdParam() id: string,
    @Body() dto: CreatePartyDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PartyResponse> {
    return withEtag(reply, await this.parties.create(principal, id, dto));
  }

  @Patch(':id/parties/:partyId')
  @ApiOperation({ summary: 'Change a party of a case' })
  @RequirePermission(Permission.CasesUpdate)
  @ApiOkResponse({ type: PartyResponse })
  async updateParty(
    @CurrentPrincipal() principal: Principal,
    @IdParam() id: string,
    @IdParam('partyId') partyId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: UpdatePartyDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PartyResponse> {
    return withEtag(
      reply,
      await this.parties.update(principal, id, partyId, versionFromIfMatch(ifMatch), dto),
    );
  }

  @Delete(':id/parties/:partyId')
  @ApiOperation({ summary: 'Remove a party from a case' })
  @HttpCode(204)
  @RequirePermission(Permission.CasesUpdate)
  @ApiNoContentResponse()
  async removeParty(
    @CurrentPrincipal() principal: Principal,
    @IdParam() id: string,
    @IdParam('partyId') partyId: string,
  ): Promise<void> {
    await this.parties.remove(principal, id, partyId);
  }

  @Get(':id/participants')
  @ApiOperation({ summary: 'List a case’s participants' })
  @RequirePermission(Permission.CasesRead)
  @ApiOkResponse({ type: ParticipantPage })
  listParticipants(
    @CurrentPrincipal() principal: Principal,
    @IdParam() id: string,
    @Query() query: PageQueryDto,
  ): Promise<ParticipantPage> {
    return this.participants.list(principal, id, query);
  }

  @Post(':id/participants')
  @ApiOperation({ summary: 'Add a participant to a case' })
  @HttpCode(201)
  @RequirePermission(Permission.CasesUpdate)
  @ApiCreatedResponse({ type: ParticipantResponse })
  createParticipant(
    @CurrentPrincipal() principal: Principal,
    @IdParam() id: string,
    @Body() dto: CreateParticipantDto,
  ): Promise<ParticipantResponse> {
    return this.participants.create(principal, id, dto);
  }
}
