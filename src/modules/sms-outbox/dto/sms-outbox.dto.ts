import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '../../../common/http/pagination';
import { SMS_PURPOSES, SMS_STATUSES, SmsPurpose, SmsStatus } from '../sms-message.entity';

export class ListSmsOutboxQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: SMS_STATUSES })
  @IsOptional()
  @IsIn(SMS_STATUSES)
  status?: SmsStatus;
}

export class SmsOutboxItem {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({
    example: '+223 ** ** 34 56',
    description: 'Masked: country code and last four digits',
  })
  to: string;
  @ApiProperty({ enum: SMS_PURPOSES }) purpose: SmsPurpose;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'The text as sent; null for a verification code, which stays secret',
  })
  text: string | null;
  @ApiProperty({ enum: SMS_STATUSES }) status: SmsStatus;
  @ApiProperty() attempts: number;
  @ApiProperty({ nullable: true, type: String, description: 'What the gateway answered last' })
  lastError: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', description: 'Next attempt (queued messages)' })
  nextAttemptAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) sentAt: string | null;
}

export class SmsOutboxPage {
  @ApiProperty({ type: [SmsOutboxItem] }) items: SmsOutboxItem[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
