import { Body, Controller, Get, Headers, HttpCode, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { RequirePermission } from '../../common/auth/decorators';
import { Permission } from '../../common/auth/permission';
import { versionFromIfMatch, withEtag } from '../../common/http/etag';
import { PageQueryDto } from '../../common/http/pagination';
import { IdParam } from '../../common/http/params';
import {
  AuthorityPage,
  AuthorityResponse,
  CreateAuthorityDto,
  UpdateAuthorityDto,
} from './dto/organisation.dto';
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
  async get(
    @IdParam() id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AuthorityResponse> {
    return withEtag(reply, await this.organisations.getAuthority(id));
  }

  /** The statistics scope of the authority's officials (If-Match: the ETag of the GET). */
  @Patch(':id')
  @ApiOperation({ summary: 'Set what an authority’s officials see in the statistics (admin)' })
  @RequirePermission(Permission.AuthoritiesManage)
  async update(
    @IdParam() id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: UpdateAuthorityDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AuthorityResponse> {
    return withEtag(
      reply,
      await this.organisations.updateAuthority(id, versionFromIfMatch(ifMatch), dto),
    );
  }
}
