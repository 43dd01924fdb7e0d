import { Body, Controller, Get, Headers, HttpCode, Patch, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, RequirePermission } from '../../common/auth/decorators';
import { Permission } from '../../common/auth/permission';
import { Principal } from '../../common/auth/principal';
import { versionFromIfMatch, withEtag } from '../../common/http/etag';
import { IdParam } from '../../common/http/params';
import { CreateMeetingDto } from './dto/create-meeting.dto';
import { ListMeetingsQueryDto } from './dto/list-meetings.query';
import { MeetingOutcomeDto } from './dto/meeting-outcome.dto';
import { MeetingPage, MeetingResponse } from './dto/meeting.response';
import { UpdateMeetingDto } from './dto/update-meeting.dto';
import { MeetingsService } from './meetings.service';

/** Scheduling a meeting under a case (read and updated like the case: access.md). */
@ApiTags('meetings')
@ApiBearerAuth()
@Controller('api/v1/cases/:id/meetings')
export class CaseMeetingsController {
  constructor(private readonly meetings: MeetingsService) {}

  @Post()
  @ApiOperation({ summary: 'Schedule a meeting of a case' })
  @HttpCode(201)
  @RequirePermission(Permission.CasesUpdate)
  @ApiCreatedResponse({ type: MeetingResponse })
  async create(
    @CurrentPrincipal() principal: Principal,
    @IdParam() caseId: string,
    @Body() dto: CreateMeetingDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MeetingResponse> {
    return withEtag(reply, await this.meetings.create(principal, caseId, dto));
  }
}

@ApiTags('meetings')
@ApiBearerAuth()
@Controller('api/v1/meetings')
export class MeetingsController {
  constructor(private readonly meetings: MeetingsService) {}

  @Get()
  @ApiOperation({ summary: 'List meetings in a period' })
  @RequirePermission(Permission.CasesRead)
  @ApiOkResponse({ type: MeetingPage })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ListMeetingsQueryDto,
  ): Promise<MeetingPage> {
    return this.meetings.list(principal, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read a meeting' })
  @RequirePermission(Permission.CasesRead)
  @ApiOkResponse({ type: MeetingResponse })
  async get(
    @CurrentPrincipal() principal: Principal,
    @IdParam() id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MeetingResponse> {
    return withEtag(reply, await this.meetings.get(principal, id));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change or reschedule a meeting' })
  @RequirePermission(Permission.CasesUpdate)
  @ApiOkResponse({ type: MeetingResponse })
  async update(
    @CurrentPrincipal() principal: Principal,
    @IdParam() id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: UpdateMeetingDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MeetingResponse> {
    return withEtag(
      reply,
      await this.meetings.update(principal, id, versionFromIfMatch(ifMatch), dto),
    );
  }

  @Post(':id/outcome')
  @ApiOperation({ summary: 'Record a meeting’s outcome' })
  @HttpCode(200)
  @RequirePermission(Permission.CasesUpdate)
  @ApiOkResponse({ type: MeetingResponse })
  async outcome(
    @CurrentPrincipal() principal: Principal,
    @IdParam() id: string,
    @Body() dto: MeetingOutcomeDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MeetingResponse> {
    return withEtag(reply, await this.meetings.outcome(principal, id, dto));
  }
}
