import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { HappenedAt } from '../../../common/http/dates';

/** Longest text kept from a message (ten concatenated SMS and more). */
export const MAX_SMS_TEXT = 2000;

export class GenericInboundDto {
  @ApiProperty({
    maxLength: 200,
    description: 'The gateway’s message id: a resent message has the same.',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  id: string;

  @ApiProperty({ example: '+22376123456', maxLength: 32, description: 'The sender, E.164.' })
  @IsString()
  @MinLength(1)
  @MaxLength(32)
  from: string;

  @ApiProperty({ maxLength: MAX_SMS_TEXT, example: 'SUIVI K7M2QX STABLE 1=3 2=2' })
  @IsString()
  @MaxLength(MAX_SMS_TEXT)
  text: string;

  @ApiProperty({ format: 'date-time', description: 'When the gateway received it.' })
  @HappenedAt()
  receivedAt: string;
}

/** The form fields an adapter reads (the gateway may post more: they are ignored). */
export class RapidProInboundDto {
  @ApiProperty({ example: '+22376123456' }) from: string;
  @ApiProperty({ example: 'SUIVI K7M2QX STABLE 1=3 2=2' }) text: string;
  @ApiPropertyOptional({ format: 'date-time' }) date?: string;
}

export class AfricasTalkingInboundDto {
  @ApiProperty({ description: 'Africa’s Talking’s message id.' }) id: string;
  @ApiProperty({ example: '+22376123456' }) from: string;
  @ApiProperty({ example: 'SUIVI K7M2QX STABLE 1=3 2=2' }) text: string;
  @ApiPropertyOptional({ example: '2027-01-10 08:15:00' }) date?: string;
  @ApiPropertyOptional() to?: string;
}

export class TwilioInboundDto {
  @ApiProperty() MessageSid: string;
  @ApiProperty({ example: '+22376123456' }) From: string;
  @ApiProperty({ example: 'SUIVI K7M2QX STABLE 1=3 2=2' }) Body: string;
  @ApiPropertyOptional() To?: string;
}

export class SmsReplyResponse {
  @ApiProperty({
    example:
      'Suivi K7M2QX enregistré, réf 4821. 2 engagements notés. Prochain suivi avant le 12/01.',
    description:
      'Also queued for sending to the sender (not to short codes or alphanumeric senders).',
  })
  reply: string;
}
