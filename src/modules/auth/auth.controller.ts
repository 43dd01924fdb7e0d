import { Body, Controller, Delete, Get, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import {
  AllowedDuringPasswordChange,
  AllowedDuringTotpSetup,
  CurrentPrincipal,
  Public,
  RequirePermission,
} from '../../common/auth/decorators';
import { Permission } from '../../common/auth/permission';
import { Principal } from '../../common/auth/principal';
import { IdParam } from '../../common/http/params';
import { NoCompression } from '../../common/http/compression';
import { RateLimit } from '../../common/rate-limit/rate-limit.decorator';
import { User } from '../users/user.entity';
import { UserResponse } from '../users/dto/user.response';
import { UsersService } from '../users/users.service';
import { AuthService } from './auth.service';
import { ChangePasswordDto, LoginDto, RefreshDto } from './dto/login.dto';
import { SessionList, TokenResponse } from './dto/token.response';
import { LoginGuard } from './local.strategy';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Post('login')
  @NoCompression()
  @Public()
  @RateLimit('login')
  @HttpCode(200)
  @UseGuards(LoginGuard)
  @ApiOkResponse({ type: TokenResponse })
  login(
    @Req() request: FastifyRequest & { user: User },
    @Body() _body: LoginDto,
  ): Promise<TokenResponse> {
    return this.auth.startSession(request.user, request.headers['user-agent']);
  }

  @Post('refresh')
  @NoCompression()
  @Public()
  @RateLimit('refresh')
  @HttpCode(200)
  @ApiOkResponse({ type: TokenResponse })
  refresh(@Body() body: RefreshDto): Promise<TokenResponse> {
    return this.auth.refresh(body.refreshToken);
  }

  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiNoContentResponse()
  @RequirePermission(Permission.AccountManage)
  @AllowedDuringPasswordChange()
  @AllowedDuringTotpSetup()
  async logout(@CurrentPrincipal() principal: Principal): Promise<void> {
    await this.auth.logout(principal);
  }

  @Get('me')
  @ApiBearerAuth()
  @RequirePermission(Permission.AccountManage)
  @AllowedDuringTotpSetup()
  me(@CurrentPrincipal() principal: Principal): Promise<UserResponse> {
    return this.users.getSelf(principal);
  }

  @Post('password')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiNoContentResponse()
  @RequirePermission(Permission.AccountManage)
  @AllowedDuringPasswordChange()
  @AllowedDuringTotpSetup()
  async changePassword(
    @CurrentPrincipal() principal: Principal,
    @Body() body: ChangePasswordDto,
  ): Promise<void> {
    await this.auth.changePassword(principal, body.currentPassword, body.newPassword);
  }

  @Get('sessions')
  @ApiBearerAuth()
  @RequirePermission(Permission.AccountManage)
  sessions(@CurrentPrincipal() principal: Principal): Promise<SessionList> {
    return this.auth.listSessions(principal);
  }

  @Delete('sessions/:id')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiNoContentResponse()
  @RequirePermission(Permission.AccountManage)
  async revokeSession(
    @CurrentPrincipal() principal: Principal,
    @IdParam() id: string,
  ): Promise<void> {
    await this.auth.revokeSession(principal, id);
  }

  @Post('panic')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiNoContentResponse({ description: 'Every session of the caller is revoked at once' })
  @RequirePermission(Permission.AccountManage)
  @AllowedDuringPasswordChange()
  @AllowedDuringTotpSetup()
  async panic(@CurrentPrincipal() principal: Principal): Promise<void> {
    await this.auth.panic(principal);
  }
}
