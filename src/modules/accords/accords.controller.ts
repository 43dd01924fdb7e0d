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
import { AccordsService } from './accords.service';
import { FlagsService } from './flags.service';
import { FollowUpsService } from './follow-ups.service';
import { TermsService } from './terms.service';
import {
  AccordDetailResponse,
  AccordPage,
  AccordResponse,
  FlagResponse,
  FollowUpPage,
  FollowUpResponse,
  TermHistoryResponse,
  TermResponse,
} from './dto/accord.response';
import { CreateAccordDto } from './dto/create-accord.dto';
import { CreateFollowUpDto } from './dto/create-follow-up.dto';
import { CreateTermDto } from './dto/create-term.dto';
import { RaiseFlagDto, ResolveFlagDto } from './dto/flag.dto';
import { ListAccordsQueryDto } from './dto/list-accords.query';
import { UpdateTermDto } from './dto/update-term.dto';

/** Accords under a case (read and updated like the case: access.md). */
@ApiTags('accords')
@ApiBearerAuth()
@Controller('api/v1/cases/:id/accords')
export class CaseAccordsController {
  constructor(private readonly accords: AccordsService) {}

  @Post()
  @ApiOperation({ summary: 'Record an accord of a case' })
  @HttpCode(201)
  @RequirePermission(Permission.CasesUpdate)
  @ApiCreatedResponse({ type: AccordResponse })
  async create(
    @CurrentPrincipal() principal: Principal,
    @IdParam() caseId: string,
    @Body() dto: CreateAccordDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AccordResponse> {
    return withEtag(reply, await this.accords.create(principal, caseId, dto));
  }

  @Get()
  @ApiOperation({ summary: 'List a case’s accords' })
  @RequirePermission(Permission.CasesRead)
  @ApiOkResponse({ type: AccordPage })
  list(
    @CurrentPrincipal() principal: Principal,
    @IdParam() caseId: string,
    @Query() query: ListAccordsQueryDto,
  ): Promise<AccordPage> {
    return this.accords.list(principal, caseId, query);
  }
}

@ApiTags('accords')
@ApiBearerAuth()
@Controller('api/v1/accords')
export class AccordsController {
  constructor(
    private readonly accords: AccordsService,
    private readonly terms: TermsService,
    private readonly followUps: FollowUpsService,
    private readonly flags: FlagsService,
  ) {}

  @Get(':id')
  @ApiOperation({ summary: 'Read an accord with its terms, health and flags' })
  @RequirePermission(Permission.CasesRead)
  @ApiOkResponse({ type: AccordDetailResponse })
  async get(
    @CurrentPrincipal() principal: Principal,
    @IdParam() id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AccordDetailResponse> {
    return withEtag(reply, await this.accords.get(principal, id));
  }

  @Post(':id/terms')
  @ApiOperation({ summary: 'Add a term to an accord' })
  @HttpCode(201)
  @RequirePermission(Permission.CasesUpdate)
  @ApiCreatedResponse({ type: TermResponse })
  async addTerm(
    @CurrentPrincipal() principal: Principal,
    @IdParam() id: string,
    @Body() dto: CreateTermDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TermResponse> {
    return withEtag(reply, await this.terms.addTerm(principal, id, dto));
  }

  @Post(':id/follow-ups')
  @ApiOperation({ summary: 'Record a follow-up check of an accord' })
  @HttpCode(201)
  @RequirePermission(Permission.CasesUpdate)
  @ApiCreatedResponse({ type: FollowUpResponse })
  addFollowUp(
    @CurrentPrincipal() principal: Principal,
    @IdParam() id: string,
    @Body() dto: CreateFollowUpDto,
  ): Promise<FollowUpResponse> {
    return this.followUps.addFollowUp(principal, id, dto);
  }

  @Get(':id/follow-ups')
  @ApiOperation({ summary: 'List an accord’s follow-up checks' })
  @RequirePermission(Permission.CasesRead)
  @ApiOkResponse({ type: FollowUpPage })
  listFollowUps(
    @CurrentPrincipal() principal: Principal,
    @IdParam() id: string,
    @Query() query: ListAccordsQueryDto,
  ): Promise<FollowUpPage> {
    return this.followUps.listFollowUps(principal, id, query);
  }

  @Post(':id/flags')
  @ApiOperation({ summary: 'Flag an accord for the coordinators' })
  @HttpCode(201)
  @RequirePermission(Permission.FlagsRaise)
  @ApiCreatedResponse({ type: FlagResponse })
  raiseFlag(
    @CurrentPrincipal() principal: Principal,
    @IdParam() id: string,
    @Body() dto: RaiseFlagDto,
  ): Promise<FlagResponse> {
    return this.flags.raiseFlag(principal, id, dto);
  }
}

@ApiTags('accords')
@ApiBearerAuth()
@Controller('api/v1/terms')
export class TermsController {
  constructor(private readonly terms: TermsService) {}

  @Patch(':id')
  @ApiOperation({ summary: 'Amend a term' })
  @RequirePermission(Permission.CasesUpdate)
  @ApiOkResponse({ type: TermResponse })
  async update(
    @CurrentPrincipal() principal: Principal,
    @IdParam() id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: UpdateTermDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TermResponse> {
    return withEtag(
      reply,
      await this.terms.updateTerm(principal, id, versionFromIfMatch(ifMatch), dto),
    );
  }

  @Get(':id/history')
  @ApiOperation({ summary: 'List a term’s earlier wordings' })
  @RequirePermission(Permission.CasesRead)
  @ApiOkResponse({ type: TermHistoryResponse })
  history(
    @CurrentPrincipal() principal: Principal,
    @IdParam() id: string,
  ): Promise<TermHistoryResponse> {
    return this.terms.termHistory(principal, id);
  }
}

@ApiTags('accords')
@ApiBearerAuth()
@Controller('api/v1/flags')
export class FlagsController {
  constructor(private readonly flags: FlagsService) {}

  @Post(':id/resolve')
  @ApiOperation({ summary: 'Resolve a flag' })
  @HttpCode(200)
  @RequirePermission(Permission.FlagsResolve)
  @ApiOkResponse({ type: FlagResponse })
  resolve(
    @CurrentPrincipal() principal: Principal,
    @IdParam() id: string,
    @Body() dto: ResolveFlagDto,
  ): Promise<FlagResponse> {
    return this.flags.resolveFlag(principal, id, dto);
  }
}
