import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../../common/auth/decorators';
import { Permission } from '../../common/auth/permission';
import { IdParam } from '../../common/http/params';
import { AreasService } from './areas.service';
import { AreaPage, AreaQueryDto, AreaResponse, CreateAreaDto, UpdateAreaDto } from './dto/area.dto';

@ApiTags('areas')
@ApiBearerAuth()
@Controller('api/v1/areas')
export class AreasController {
  constructor(private readonly areas: AreasService) {}

  @Get()
  @ApiOperation({ summary: 'List areas' })
  @RequirePermission(Permission.AreasRead)
  @ApiOkResponse({ type: AreaPage })
  list(@Query() query: AreaQueryDto): Promise<AreaPage> {
    return this.areas.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read an area' })
  @RequirePermission(Permission.AreasRead)
  get(@IdParam() id: string): Promise<AreaResponse> {
    return this.areas.get(id);
  }

  @Post()
  @ApiOperation({ summary: 'Add an area (admin)' })
  @HttpCode(201)
  @RequirePermission(Permission.AreasManage)
  create(@Body() dto: CreateAreaDto): Promise<AreaResponse> {
    return this.areas.create(dto);
  }

  /** The whole value is replaced (no version to match): the last admin's code stands, each change audited. */
  @Put(':id/pcode')
  @ApiOperation({ summary: 'Set or remove the P-code of an area (admin)' })
  @RequirePermission(Permission.AreasManage)
  update(@IdParam() id: string, @Body() dto: UpdateAreaDto): Promise<AreaResponse> {
    return this.areas.update(id, dto);
  }
}
