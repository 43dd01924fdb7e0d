import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../../common/auth/decorators';
import { Permission } from '../../common/auth/permission';
import { PageQueryDto } from '../../common/http/pagination';
import { IdParam } from '../../common/http/params';
import { AssociationPage, AssociationResponse, CreateAssociationDto } from './dto/organisation.dto';
import { OrganisationsService } from './organisations.service';

@ApiTags('associations')
@ApiBearerAuth()
@Controller('api/v1/associations')
export class AssociationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Post()
  @ApiOperation({ summary: 'Create an association (admin)' })
  @HttpCode(201)
  @RequirePermission(Permission.AssociationsManage)
  create(@Body() dto: CreateAssociationDto): Promise<AssociationResponse> {
    return this.organisations.createAssociation(dto);
  }

  @Get()
  @ApiOperation({ summary: 'List associations' })
  @RequirePermission(Permission.AssociationsRead)
  @ApiOkResponse({ type: AssociationPage })
  list(@Query() query: PageQueryDto): Promise<AssociationPage> {
    return this.organisations.listAssociations(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read an association' })
  @RequirePermission(Permission.AssociationsRead)
  get(@IdParam() id: string): Promise<AssociationResponse> {
    return this.organisations.getAssociation(id);
  }
}
