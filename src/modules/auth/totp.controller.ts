import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import {
  AllowedDuringTotpSetup,
  CurrentPrincipal,
  RequirePermission,
} from '../../common/auth/decorators';
import { Permission } from '../../common/auth/permission';
import { Principal } from '../../common/auth/principal';
import { NoCompression } from '../../common/http/compression';
import { RateLimit } from '../../common/rate-limit/rate-limit.decorator';
import { TotpCodeDto, TotpSetupDto, TotpSetupResponse } from './dto/totp.dto';
import { TotpService } from './totp.service';

/** Second factor of the caller's own account. */
@ApiTags('auth')
@ApiBearerAuth()
@ApiTooManyRequestsResponse({ description: 'rate_limited, or too_many_attempts after wrong codes' })
@Controller('api/v1/auth')
export class TotpController {
  constructor(private readonly totp: TotpService) {}

  @Post('totp/setup')
  @ApiOperation({ summary: 'Start setting up TOTP (new secret)' })
  @NoCompression()
  @HttpCode(200)
  @ApiOkResponse({
    type: TotpSetupResponse,
    description:
      'A new secret, pending until confirmed; needs the password again (400 wrong_current_password); 409 totp_already_enabled when on',
  })
  @RequirePermission(Permission.AccountManage)
  @AllowedDuringTotpSetup()
  @RateLimit('totp')
  setup(
    @CurrentPrincipal() principal: Principal,
    @Body() body: TotpSetupDto,
  ): Promise<TotpSetupResponse> {
    return this.totp.setup(principal, body.password);
  }

  @Post('totp/enable')
  @ApiOperation({ summary: 'Turn on TOTP with a first code' })
  @HttpCode(204)
  @ApiNoContentResponse({
    description:
      'TOTP is now required at sign-in and every other session of the account ends; 400 invalid_totp for a wrong code',
  })
  @RequirePermission(Permission.AccountManage)
  @AllowedDuringTotpSetup()
  @RateLimit('totp')
  async enable(@CurrentPrincipal() principal: Principal, @Body() body: TotpCodeDto): Promise<void> {
    await this.totp.enable(principal, body.code);
  }

  @Post('step-up')
  @ApiOperation({ summary: 'Confirm this session with a TOTP code (step-up)' })
  @HttpCode(204)
  @ApiNoContentResponse({
    description:
      'This session is marked as freshly verified (needed within 10 minutes to approve a mission order)',
  })
  @RequirePermission(Permission.AccountManage)
  @RateLimit('totp')
  async stepUp(@CurrentPrincipal() principal: Principal, @Body() body: TotpCodeDto): Promise<void> {
    await this.totp.stepUp(principal, body.code);
  }
}
