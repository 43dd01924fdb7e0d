import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, RequirePermission } from '../../common/auth/decorators';
import { Permission } from '../../common/auth/permission';
import { Principal } from '../../common/auth/principal';
import { IdParam } from '../../common/http/params';
import { AddPhoneDto, PhoneList, PhoneResponse, VerifyPhoneDto } from './dto/phone.dto';
import { PhonesService } from './phones.service';

const ADDED =
  'Registered unverified; a six-digit code is sent to the number by SMS, valid 24 hours. ' +
  'The same number again sends a new code, at most once a minute (429 rate_limited otherwise).';

@ApiTags('phones')
@ApiBearerAuth()
@Controller('api/v1/me/phones')
export class MyPhonesController {
  constructor(private readonly phones: PhonesService) {}

  @Post()
  @ApiOperation({ summary: 'Register one of my phone numbers' })
  @HttpCode(201)
  @RequirePermission(Permission.AccountManage)
  @ApiCreatedResponse({ type: PhoneResponse, description: ADDED })
  @ApiBadRequestResponse({ description: 'invalid_phone_number: not a mobile number' })
  @ApiConflictResponse({
    description: 'phone_already_verified: already verified here; too_many_phones: 5 already',
  })
  add(@CurrentPrincipal() principal: Principal, @Body() dto: AddPhoneDto): Promise<PhoneResponse> {
    return this.phones.add(principal.userId, principal.userId, dto.number);
  }

  @Get()
  @ApiOperation({ summary: 'List my phone numbers (masked)' })
  @RequirePermission(Permission.AccountManage)
  @ApiOkResponse({ type: PhoneList })
  async list(@CurrentPrincipal() principal: Principal): Promise<PhoneList> {
    return { items: await this.phones.list(principal.userId) };
  }

  @Post(':id/verify')
  @ApiOperation({ summary: 'Verify one of my phone numbers with the code it was sent' })
  @HttpCode(200)
  @RequirePermission(Permission.AccountManage)
  @ApiOkResponse({ type: PhoneResponse, description: 'Verified: the number may report by SMS.' })
  @ApiBadRequestResponse({ description: 'wrong_phone_code: not the code sent' })
  @ApiConflictResponse({
    description: 'phone_code_expired: expired, or 5 wrong codes: register the number again',
  })
  @ApiNotFoundResponse({ description: 'not one of my numbers' })
  verify(
    @CurrentPrincipal() principal: Principal,
    @IdParam() id: string,
    @Body() dto: VerifyPhoneDto,
  ): Promise<PhoneResponse> {
    return this.phones.verify(principal, id, dto.code);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Remove one of my phone numbers' })
  @HttpCode(204)
  @RequirePermission(Permission.AccountManage)
  @ApiNoContentResponse({ description: 'Removed: the number no longer reports' })
  @ApiNotFoundResponse({ description: 'not one of my numbers' })
  async remove(@CurrentPrincipal() principal: Principal, @IdParam() id: string): Promise<void> {
    await this.phones.remove(principal, id);
  }
}

@ApiTags('phones')
@ApiBearerAuth()
@Controller('api/v1/users/:id/phones')
export class UserPhonesController {
  constructor(private readonly phones: PhonesService) {}

  /** For a user without a smartphone: the phone verifies itself by texting `CODE <digits>`. */
  @Post()
  @ApiOperation({ summary: 'Register a phone number for a user (admin)' })
  @HttpCode(201)
  @RequirePermission(Permission.UsersManage)
  @ApiCreatedResponse({
    type: PhoneResponse,
    description: `${ADDED} The phone verifies itself by texting back CODE <digits>.`,
  })
  @ApiBadRequestResponse({ description: 'invalid_phone_number: not a mobile number' })
  @ApiConflictResponse({
    description: 'phone_already_verified: already verified there; too_many_phones: 5 already',
  })
  @ApiNotFoundResponse({ description: 'no such user' })
  add(
    @CurrentPrincipal() principal: Principal,
    @IdParam() id: string,
    @Body() dto: AddPhoneDto,
  ): Promise<PhoneResponse> {
    return this.phones.add(principal.userId, id, dto.number);
  }

  @Get()
  @ApiOperation({ summary: 'List a user’s phone numbers, masked (admin)' })
  @RequirePermission(Permission.UsersManage)
  @ApiOkResponse({ type: PhoneList })
  @ApiNotFoundResponse({ description: 'no such user' })
  async list(@IdParam() id: string): Promise<PhoneList> {
    return { items: await this.phones.listOfUser(id) };
  }
}
