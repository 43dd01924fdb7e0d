import { Body, Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Public } from '../../common/auth/decorators';
import { AppError } from '../../common/http/app-error';
import {
  AfricasTalkingInboundDto,
  GenericInboundDto,
  MAX_SMS_TEXT,
  RapidProInboundDto,
  SmsReplyResponse,
  TwilioInboundDto,
} from './dto/inbound.dto';
import { RAPIDPRO_DEDUPE_WINDOW_MS } from './sms-gateways';
import { InboundFrom, SmsInboundGuard } from './sms-inbound.guard';
import { SmsInboundRepository } from './sms-inbound.repository';
import { SmsInboundService } from './sms-inbound.service';

const OK = {
  type: SmsReplyResponse,
  description:
    'The reply, also queued for the sender. A message seen before (same gateway and id) gets ' +
    'the same reply and does nothing else.',
};
const OFF = { description: 'SMS is off (TOGUNA_SMS_SECRET unset) or this gateway is not set up' };

/** How a gateway's field may be: absent (`optional`), empty (`mayBeEmpty`: a text). */
interface FieldRule {
  max: number;
  optional?: boolean;
  mayBeEmpty?: boolean;
}

/** A string field of a gateway's post (form or JSON); 400 naming it when it breaks `rule`. */
function field(body: unknown, name: string, rule: FieldRule): string | undefined {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : null;
  if (value === undefined && rule.optional) return undefined;
  if (typeof value !== 'string' || value.length > rule.max || (value === '' && !rule.mayBeEmpty)) {
    throw new AppError('validation_failed', {
      errors: [
        {
          field: name,
          message: `must be a string of 1 to ${rule.max} characters`,
          code: 'isString',
        },
      ],
    });
  }
  return value;
}

const NUMBER: FieldRule = { max: 32 };
const MESSAGE_ID: FieldRule = { max: 200 };
const TEXT: FieldRule = { max: MAX_SMS_TEXT, mayBeEmpty: true };
const DATE: FieldRule = { max: 64, optional: true };

/** When a gateway says it received the message (UTC unless said), if past and credible; else now. */
function receivedAt(typed: string | undefined): Date {
  const now = new Date();
  const date = typed ? new Date(typed.includes('T') ? typed : `${typed.replace(' ', 'T')}Z`) : now;
  return Number.isNaN(date.getTime()) || date > now || date.getFullYear() < 2000 ? now : date;
}

@ApiTags('sms')
@Public()
@UseGuards(SmsInboundGuard)
@Controller('api/v1/sms/inbound')
export class SmsInboundController {
  constructor(
    private readonly inbound: SmsInboundService,
    private readonly records: SmsInboundRepository,
  ) {}

  /** Signed as Standard Webhooks says, with the key of TOGUNA_SMS_SECRET (README "SMS"). */
  @Post('generic')
  @InboundFrom('generic')
  @HttpCode(200)
  @ApiOperation({ summary: 'Receive an SMS from a gateway (Standard Webhooks signature)' })
  @ApiOkResponse(OK)
  @ApiUnauthorizedResponse({
    description: 'Missing or wrong signature, or a timestamp over 5 minutes away',
  })
  @ApiNotFoundResponse(OFF)
  generic(@Body() dto: GenericInboundDto): Promise<SmsReplyResponse> {
    return this.answer({
      gateway: 'generic',
      messageKey: dto.id,
      from: dto.from,
      text: dto.text,
      receivedAt: new Date(dto.receivedAt),
    });
  }

  /** RapidPro sends no message id: the same sender and text within 10 minutes is one message. */
  @Post('rapidpro')
  @InboundFrom('rapidpro')
  @HttpCode(200)
  @ApiOperation({ summary: 'Receive an SMS from RapidPro’s external channel (token in the URL)' })
  @ApiConsumes('application/x-www-form-urlencoded', 'application/json')
  @ApiBody({ type: RapidProInboundDto })
  @ApiQuery({ name: 'token', description: 'TOGUNA_SMS_RAPIDPRO_TOKEN' })
  @ApiOkResponse(OK)
  @ApiUnauthorizedResponse({ description: 'Wrong token' })
  @ApiNotFoundResponse(OFF)
  rapidPro(@Req() request: FastifyRequest): Promise<SmsReplyResponse> {
    const from = field(request.body, 'from', NUMBER) as string;
    const text = field(request.body, 'text', TEXT) as string;
    const bucket = Math.floor(Date.now() / RAPIDPRO_DEDUPE_WINDOW_MS);
    return this.answer({
      gateway: 'rapidpro',
      messageKey: this.records.derivedKey(from, text, bucket),
      from,
      text,
      receivedAt: receivedAt(field(request.body, 'date', DATE)),
    });
  }

  @Post('africastalking')
  @InboundFrom('africastalking')
  @HttpCode(200)
  @ApiOperation({ summary: 'Receive an SMS from Africa’s Talking (token in the callback URL)' })
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({ type: AfricasTalkingInboundDto })
  @ApiQuery({ name: 'token', description: 'TOGUNA_SMS_AT_TOKEN' })
  @ApiOkResponse(OK)
  @ApiUnauthorizedResponse({ description: 'Wrong token' })
  @ApiNotFoundResponse(OFF)
  africasTalking(@Req() request: FastifyRequest): Promise<SmsReplyResponse> {
    return this.answer({
      gateway: 'africastalking',
      messageKey: field(request.body, 'id', MESSAGE_ID) as string,
      from: field(request.body, 'from', NUMBER) as string,
      text: field(request.body, 'text', TEXT) as string,
      receivedAt: receivedAt(field(request.body, 'date', DATE)),
    });
  }

  @Post('twilio')
  @InboundFrom('twilio')
  @HttpCode(200)
  @ApiOperation({ summary: 'Receive an SMS from Twilio (X-Twilio-Signature)' })
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({ type: TwilioInboundDto })
  @ApiOkResponse(OK)
  @ApiUnauthorizedResponse({ description: 'Missing or wrong X-Twilio-Signature' })
  @ApiNotFoundResponse(OFF)
  twilio(@Req() request: FastifyRequest): Promise<SmsReplyResponse> {
    return this.answer({
      gateway: 'twilio',
      messageKey: field(request.body, 'MessageSid', MESSAGE_ID) as string,
      from: field(request.body, 'From', NUMBER) as string,
      text: field(request.body, 'Body', TEXT) as string,
      receivedAt: new Date(),
    });
  }

  private async answer(
    sms: Parameters<SmsInboundService['receive']>[0],
  ): Promise<SmsReplyResponse> {
    return { reply: await this.inbound.receive(sms) };
  }
}
