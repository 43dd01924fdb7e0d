import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, RequirePermission } from '../../common/auth/decorators';
import { Permission } from '../../common/auth/permission';
import { Principal } from '../../common/auth/principal';
import {
  CoordinationRequestResponse,
  CreateCoordinationRequestDto,
  RegistryQueryDto,
  RegistryResponse,
} from './dto/registry.dto';
import { RegistryService } from './registry.service';

@ApiTags('registry')
@ApiBearerAuth()
@Controller('api/v1/registry')
export class RegistryController {
  constructor(private readonly registry: RegistryService) {}

  @Get()
  @ApiOperation({ summary: 'List other associations’ active cases in a commune' })
  @RequirePermission(Permission.RegistryRead)
  @ApiOkResponse({ type: RegistryResponse })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: RegistryQueryDto,
  ): Promise<RegistryResponse> {
    return this.registry.list(principal, query.areaId);
  }

  @Post('coordination-requests')
  @ApiOperation({ summary: 'Ask the other associations in a commune to coordinate' })
  @HttpCode(201)
  @RequirePermission(Permission.CoordinationRequest)
  @ApiCreatedResponse({ type: CoordinationRequestResponse })
  request(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: CreateCoordinationRequestDto,
  ): Promise<CoordinationRequestResponse> {
    return this.registry.request(principal, dto);
  }
}
