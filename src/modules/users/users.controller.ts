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
  ApiConflictResponse,
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
import { CreateUserDto } from './dto/create-user.dto';
import { ResetPasswordDto } from './dto/reset-password.dto';
import { UpdateUserDto } from './dto/update-user.dto';
import { UserPage, UserResponse } from './dto/user.response';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/v1/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  /**
   * In an association, the account is pending (no case content) until a
   * coordinator of the association confirms it, unless it is the
   * association's first coordinator; its coordinators are told of every new
   * member. The password is always temporary.
   */
  @Post()
  @ApiOperation({ summary: 'Create a user' })
  @HttpCode(201)
  @RequirePermission(Permission.UsersManage)
  create(@Body() dto: CreateUserDto): Promise<UserResponse> {
    return this.users.create(dto);
  }

  @Get()
  @ApiOperation({ summary: 'List users' })
  @RequirePermission(Permission.UsersRead)
  @ApiOkResponse({ type: UserPage })
  list(@CurrentPrincipal() principal: Principal, @Query() query: PageQueryDto): Promise<UserPage> {
    return this.users.list(principal, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read a user' })
  @RequirePermission(Permission.UsersRead)
  async get(
    @CurrentPrincipal() principal: Principal,
    @IdParam() id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<UserResponse> {
    return withEtag(reply, await this.users.get(principal, id));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a user (role, membership, disabled)' })
  @RequirePermission(Permission.UsersManage)
  async update(
    @IdParam() id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: UpdateUserDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<UserResponse> {
    return withEtag(reply, await this.users.update(id, versionFromIfMatch(ifMatch), dto));
  }

  @Post(':id/confirm')
  @ApiOperation({ summary: 'Confirm a member an admin added to one’s association (coordinator)' })
  @HttpCode(200)
  @RequirePermission(Permission.UsersConfirm)
  @ApiOkResponse({
    type: UserResponse,
    description:
      'A coordinator confirms a member an admin created in their association: from their next ' +
      'request they get what their role allows. 404 for a user of another association.',
  })
  @ApiConflictResponse({ description: 'account_not_pending: the account is already confirmed' })
  confirm(@CurrentPrincipal() principal: Principal, @IdParam() id: string): Promise<UserResponse> {
    return this.users.confirm(principal, id);
  }

  @Post(':id/password')
  @ApiOperation({ summary: 'Set a temporary password for a user (admin)' })
  @HttpCode(204)
  @RequirePermission(Permission.UsersManage)
  @ApiNoContentResponse({
    description:
      'The user has a temporary password to change at the next sign-in, and every session of theirs has ended; ' +
      '400 weak_password for a short or common one',
  })
  async resetPassword(@IdParam() id: string, @Body() dto: ResetPasswordDto): Promise<void> {
    await this.users.resetPassword(id, dto);
  }

  @Delete(':id/totp')
  @ApiOperation({ summary: 'Turn off a user’s second factor (admin)' })
  @HttpCode(204)
  @RequirePermission(Permission.UsersManage)
  @ApiNoContentResponse({
    description:
      "The user's second factor is off and every session of theirs has ended (a lost phone); " +
      'they sign in with their password and set up a new authenticator app',
  })
  @ApiConflictResponse({ description: 'totp_not_enabled: the user has no authenticator app' })
  async resetTotp(@IdParam() id: string): Promise<void> {
    await this.users.resetTotp(id);
  }
}
