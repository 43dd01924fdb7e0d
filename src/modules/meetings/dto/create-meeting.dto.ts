import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsInt,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { PlannedAt } from '../../../common/http/dates';
import { ClientId, LanguageCodes, LowerCase, Optional } from '../../../common/http/dto';
import { FreeText } from '../../../common/http/text';
import { MAX_DURATION_MINUTES, MIN_DURATION_MINUTES } from '../meeting-status';

export const MAX_ATTENDEES = 50;
export const MAX_PARTIES = 50;

export class CreateMeetingDto {
  @ClientId()
  id?: string;

  @ApiProperty({
    format: 'date-time',
    example: '2026-12-03T08:00:00Z',
    description: 'From 1960-01-01 to 2100-12-31.',
  })
  @PlannedAt()
  scheduledAt: string;

  @ApiProperty({ minimum: MIN_DURATION_MINUTES, maximum: MAX_DURATION_MINUTES, example: 120 })
  @IsInt()
  @Min(MIN_DURATION_MINUTES)
  @Max(MAX_DURATION_MINUTES)
  durationMinutes: number;

  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'Mediators of the case team who attend (at least one).',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ATTENDEES)
  @ArrayUnique()
  @LowerCase()
  @IsUUID('all', { each: true })
  attendeeUserIds: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Parties of the same case.' })
  @Optional()
  @IsArray()
  @ArrayMaxSize(MAX_PARTIES)
  @ArrayUnique()
  @LowerCase()
  @IsUUID('all', { each: true })
  partyIds?: string[];

  @ApiPropertyOptional({ maxLength: 2000 })
  @Optional()
  @FreeText()
  @IsString()
  @MaxLength(2000)
  agenda?: string;

  @LanguageCodes({ example: ['ffm', 'dts'], description: 'ISO 639-3 codes.' })
  languages?: string[];

  @ApiPropertyOptional({ default: false })
  @Optional()
  @IsBoolean()
  interpreterNeeded?: boolean;

  @ApiPropertyOptional({
    maxLength: 1000,
    description: 'Exact place. Encrypted at rest; case team only (coordinators: 403).',
  })
  @Optional()
  @FreeText()
  @IsString()
  @MaxLength(1000)
  locationDetail?: string;
}
