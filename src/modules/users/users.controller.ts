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
import { etagOf, versionFromIfMatch } from '../../common/http/etag';
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
    const user = await this.users.get(principal, id);
    void reply.header('etag', etagOf(user.version));
    return user;
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
    const user = await this.users.update(id, versionFromIfMatch(ifMatch), dto);
    void reply.header('etag', etagOf(user.version));
    return user;
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
