import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../../common/auth/decorators';
import { RateLimit } from '../../common/rate-limit/rate-limit.decorator';
import {
  JwksResponse,
  RevocationsResponse,
  VerifyMissionOrderResponse,
} from './dto/mission-order.response';
import { MissionOrderCredentialsService } from './mission-order-credentials.service';

/**
 * What a checkpoint needs, without a token: the signing public keys, the
 * revocation list (credential ids) and an online check of one credential.
 */
@ApiTags('mission-orders')
@Controller()
export class MissionOrdersPublicController {
  constructor(private readonly orders: MissionOrderCredentialsService) {}

  @Get('.well-known/mission-order-keys.json')
  @ApiOperation({ summary: 'Publish the keys that sign mission-order credentials' })
  @Public()
  @ApiOkResponse({ type: JwksResponse })
  keys(): JwksResponse {
    return this.orders.publicKeys() as JwksResponse;
  }

  @Get('api/v1/mission-orders/revocations')
  @ApiOperation({ summary: 'Publish the revoked mission-order credentials' })
  @Public()
  @ApiOkResponse({ type: RevocationsResponse })
  revocations(): Promise<RevocationsResponse> {
    return this.orders.revocations();
  }

  @Get('api/v1/verify/mission-orders/:token')
  @ApiOperation({ summary: 'Verify a mission-order credential' })
  @Public()
  @RateLimit('verify')
  @ApiOkResponse({ type: VerifyMissionOrderResponse })
  verify(@Param('token') token: string): Promise<VerifyMissionOrderResponse> {
    return this.orders.verify(token);
  }
}
