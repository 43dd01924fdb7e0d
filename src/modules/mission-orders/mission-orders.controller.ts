import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, RequirePermission } from '../../common/auth/decorators';
import { Permission } from '../../common/auth/permission';
import { Principal } from '../../common/auth/principal';
import { withEtag } from '../../common/http/etag';
import { IdParam } from '../../common/http/params';
import { CreateMissionOrderDto } from './dto/create-mission-order.dto';
import { DecisionReasonDto } from './dto/decide-mission-order.dto';
import { DocumentQueryDto } from './dto/document.query';
import { ListMissionOrdersQueryDto } from './dto/list-mission-orders.query';
import {
  MissionOrderCredential,
  MissionOrderPage,
  MissionOrderResponse,
} from './dto/mission-order.response';
import { MissionOrderCredentialsService } from './mission-order-credentials.service';
import { MissionOrdersService } from './mission-orders.service';

@ApiTags('mission-orders')
@ApiBearerAuth()
@Controller('api/v1/mission-orders')
export class MissionOrdersController {
  constructor(
    private readonly orders: MissionOrdersService,
    private readonly credentialsOf: MissionOrderCredentialsService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Request a mission order' })
  @HttpCode(201)
  @RequirePermission(Permission.MissionOrdersRequest)
  @ApiCreatedResponse({ type: MissionOrderResponse })
  request(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: CreateMissionOrderDto,
  ): Promise<MissionOrderResponse> {
    return this.orders.request(principal, dto);
  }

  @Get()
  @ApiOperation({ summary: 'List the mission orders one may see' })
  @RequirePermission(Permission.MissionOrdersRead)
  @ApiOkResponse({ type: MissionOrderPage })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ListMissionOrdersQueryDto,
  ): Promise<MissionOrderPage> {
    return this.orders.list(principal, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read a mission order' })
  @RequirePermission(Permission.MissionOrdersRead)
  @ApiOkResponse({ type: MissionOrderResponse })
  async get(
    @CurrentPrincipal() principal: Principal,
    @IdParam() id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MissionOrderResponse> {
    return withEtag(reply, await this.orders.get(principal, id));
  }

  @Post(':id/approve')
  @ApiOperation({ summary: 'Approve a mission order (official, after step-up)' })
  @HttpCode(200)
  @RequirePermission(Permission.MissionOrdersDecide)
  @ApiOkResponse({ type: MissionOrderResponse })
  approve(
    @CurrentPrincipal() principal: Principal,
    @IdParam() id: string,
  ): Promise<MissionOrderResponse> {
    return this.orders.approve(principal, id);
  }

  @Post(':id/reject')
  @ApiOperation({ summary: 'Reject a mission order (official)' })
  @HttpCode(200)
  @RequirePermission(Permission.MissionOrdersDecide)
  @ApiOkResponse({ type: MissionOrderResponse })
  reject(
    @CurrentPrincipal() principal: Principal,
    @IdParam() id: string,
    @Body() dto: DecisionReasonDto,
  ): Promise<MissionOrderResponse> {
    return this.orders.reject(principal, id, dto);
  }

  @Post(':id/revoke')
  @ApiOperation({ summary: 'Revoke a mission order (official)' })
  @HttpCode(200)
  @RequirePermission(Permission.MissionOrdersDecide)
  @ApiOkResponse({ type: MissionOrderResponse })
  revoke(
    @CurrentPrincipal() principal: Principal,
    @IdParam() id: string,
    @Body() dto: DecisionReasonDto,
  ): Promise<MissionOrderResponse> {
    return this.orders.revoke(principal, id, dto);
  }

  @Get(':id/credentials')
  @ApiOperation({ summary: 'Issue the signed credentials of an approved mission order' })
  @RequirePermission(Permission.MissionOrdersRead)
  @ApiOkResponse({
    type: [MissionOrderCredential],
    description:
      'One per holder whose credential stands; a disabled holder gets none (409 holder_disabled when none is left).',
  })
  credentials(
    @CurrentPrincipal() principal: Principal,
    @IdParam() id: string,
  ): Promise<MissionOrderCredential[]> {
    return this.credentialsOf.credentials(principal, id);
  }

  @Get(':id/document')
  @ApiOperation({ summary: 'Download a mission order as PDF with its QR codes' })
  @RequirePermission(Permission.MissionOrdersRead)
  @ApiProduces('application/pdf')
  @ApiOkResponse({
    description:
      'One page, in French, with the QR code of the credential; 409 holder_disabled for a disabled holder.',
  })
  async document(
    @CurrentPrincipal() principal: Principal,
    @IdParam() id: string,
    @Query() query: DocumentQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const pdf = await this.credentialsOf.document(principal, id, query.holderUserId);
    void reply.header('content-type', 'application/pdf');
    void reply.header('content-disposition', 'inline; filename="ordre-de-mission.pdf"');
    return pdf;
  }
}
