import { ApiPropertyOptional } from '@nestjs/swagger';
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
import { LanguageCodes, LowerCase, Optional } from '../../../common/http/dto';
import { FreeText } from '../../../common/http/text';
import { MAX_DURATION_MINUTES, MIN_DURATION_MINUTES } from '../meeting-status';
import { MAX_ATTENDEES, MAX_PARTIES } from './create-meeting.dto';

/** What a PATCH may change; status goes through the outcome route. */
export class UpdateMeetingDto {
  @ApiPropertyOptional({ format: 'date-time', description: 'From 1960-01-01 to 2100-12-31.' })
  @Optional()
  @PlannedAt()
  scheduledAt?: string;

  @ApiPropertyOptional({ minimum: MIN_DURATION_MINUTES, maximum: MAX_DURATION_MINUTES })
  @Optional()
  @IsInt()
  @Min(MIN_DURATION_MINUTES)
  @Max(MAX_DURATION_MINUTES)
  durationMinutes?: number;

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @Optional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ATTENDEES)
  @ArrayUnique()
  @LowerCase()
  @IsUUID('all', { each: true })
  attendeeUserIds?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
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

  @LanguageCodes({ example: ['ffm', 'bam'] })
  languages?: string[];

  @ApiPropertyOptional()
  @Optional()
  @IsBoolean()
  interpreterNeeded?: boolean;

  @ApiPropertyOptional({ maxLength: 1000, description: 'Case team only (coordinators: 403).' })
  @Optional()
  @FreeText()
  @IsString()
  @MaxLength(1000)
  locationDetail?: string;
}
