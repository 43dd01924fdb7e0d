import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../../common/auth/decorators';
import { Permission } from '../../common/auth/permission';
import { PageQueryDto } from '../../common/http/pagination';
import { IdParam } from '../../common/http/params';
import { AuthorityPage, AuthorityResponse, CreateAuthorityDto } from './dto/organisation.dto';
import { OrganisationsService } from './organisations.service';

@ApiTags('authorities')
@ApiBearerAuth()
@Controller('api/v1/authorities')
export class AuthoritiesController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Post()
  @ApiOperation({ summary: 'Create an authority with its jurisdiction (admin)' })
  @HttpCode(201)
  @RequirePermission(Permission.AuthoritiesManage)
  create(@Body() dto: CreateAuthorityDto): Promise<AuthorityResponse> {
    return this.organisations.createAuthority(dto);
  }

  @Get()
  @ApiOperation({ summary: 'List authorities' })
  @RequirePermission(Permission.AuthoritiesRead)
  @ApiOkResponse({ type: AuthorityPage })
  list(@Query() query: PageQueryDto): Promise<AuthorityPage> {
    return this.organisations.listAuthorities(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read an authority' })
  @RequirePermission(Permission.AuthoritiesRead)
  get(@IdParam() id: string): Promise<AuthorityResponse> {
    return this.organisations.getAuthority(id);
  }
}
