import { Body, Controller, Delete, Get, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
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
import { RateLimit } from '../../common/rate-limit/rate-limit.decorator';
import { UserResponse } from '../users';
import { UsersService } from '../users';
import { AuthService, VerifiedSignIn } from './auth.service';
import { ChangePasswordDto, LoginDto, RefreshDto } from './dto/login.dto';
import { LoginResponse, SessionList, TokenResponse } from './dto/token.response';
import { LoginGuard } from './local.strategy';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  /** Per-address and per-account limits are applied by the sign-in itself (SignInLimits). */
  @Post('login')
  @ApiOperation({ summary: 'Sign in' })
  @Public()
  @HttpCode(200)
  @UseGuards(LoginGuard)
  @ApiOkResponse({ type: LoginResponse })
  @ApiTooManyRequestsResponse({
    description:
      'too_many_attempts: the account, the device or the address must wait (Retry-After)',
  })
  login(
    @Req() request: FastifyRequest & { user: VerifiedSignIn },
    @Body() _body: LoginDto,
  ): Promise<LoginResponse> {
    return this.auth.startSession(request.user, request.headers['user-agent']);
  }

  @Post('refresh')
  @ApiOperation({ summary: 'Exchange a refresh token for a new token pair' })
  @Public()
  @RateLimit('refresh')
  @HttpCode(200)
  @ApiOkResponse({ type: TokenResponse })
  refresh(@Body() body: RefreshDto): Promise<TokenResponse> {
    return this.auth.refresh(body.refreshToken);
  }

  @Post('logout')
  @ApiOperation({ summary: 'Sign out of this session' })
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
  @ApiOperation({ summary: 'Read one’s own account' })
  @ApiBearerAuth()
  @RequirePermission(Permission.AccountManage)
  @AllowedDuringTotpSetup()
  me(@CurrentPrincipal() principal: Principal): Promise<UserResponse> {
    return this.users.getSelf(principal);
  }

  @Post('password')
  @ApiOperation({ summary: 'Change one’s own password' })
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
  @ApiOperation({ summary: 'List one’s own sessions' })
  @ApiBearerAuth()
  @RequirePermission(Permission.AccountManage)
  sessions(@CurrentPrincipal() principal: Principal): Promise<SessionList> {
    return this.auth.listSessions(principal);
  }

  @Delete('sessions/:id')
  @ApiOperation({ summary: 'End one of one’s own sessions' })
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
  @ApiOperation({ summary: 'End every session of one’s own account (seized phone)' })
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
