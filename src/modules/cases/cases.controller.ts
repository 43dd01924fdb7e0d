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
import { CasesService } from './cases.service';
import { CaseHistory, CasePage, CaseResponse, CreatedCaseResponse } from './dto/case.response';
import { CreateCaseDto } from './dto/create-case.dto';
import { ListCasesQueryDto } from './dto/list-cases.query';
import { TransitionCaseDto } from './dto/transition-case.dto';
import { UpdateCaseDto } from './dto/update-case.dto';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/v1/cases')
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  @Post()
  @ApiOperation({ summary: 'Open a dialogue case' })
  @HttpCode(201)
  @RequirePermission(Permission.CasesCreate)
  @ApiCreatedResponse({ type: CreatedCaseResponse })
  create(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: CreateCaseDto,
  ): Promise<CreatedCaseResponse> {
    return this.cases.create(principal, dto);
  }

  @Get()
  @ApiOperation({ summary: 'List the dialogue cases one may see' })
  @RequirePermission(Permission.CasesRead)
  @ApiOkResponse({ type: CasePage })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ListCasesQueryDto,
  ): Promise<CasePage> {
    return this.cases.list(principal, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read a dialogue case' })
  @RequirePermission(Permission.CasesRead)
  @ApiOkResponse({ type: CaseResponse })
  async get(
    @CurrentPrincipal() principal: Principal,
    @IdParam() id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CaseResponse> {
    return withEtag(reply, await this.cases.get(principal, id));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a dialogue case' })
  @RequirePermission(Permission.CasesUpdate)
  @ApiOkResponse({ type: CaseResponse })
  async update(
    @CurrentPrincipal() principal: Principal,
    @IdParam() id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: UpdateCaseDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CaseResponse> {
    return withEtag(
      reply,
      await this.cases.update(principal, id, versionFromIfMatch(ifMatch), dto),
    );
  }

  @Post(':id/transitions')
  @ApiOperation({ summary: 'Change a case’s status' })
  @HttpCode(200)
  @RequirePermission(Permission.CasesTransition)
  @ApiOkResponse({ type: CaseResponse })
  async transition(
    @CurrentPrincipal() principal: Principal,
    @IdParam() id: string,
    @Body() dto: TransitionCaseDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CaseResponse> {
    return withEtag(reply, await this.cases.transition(principal, id, dto));
  }

  @Get(':id/history')
  @ApiOperation({ summary: 'List a case’s status changes' })
  @RequirePermission(Permission.CasesRead)
  @ApiOkResponse({ type: CaseHistory })
  history(@CurrentPrincipal() principal: Principal, @IdParam() id: string): Promise<CaseHistory> {
    return this.cases.history(principal, id);
  }
}
