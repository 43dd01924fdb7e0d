import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsString, Matches, MaxLength } from 'class-validator';
import { Optional, WITH_TIME_ZONE } from '../../../common/http/dto';
import { MEETING_OUTCOMES, MeetingOutcome } from '../meeting-status';

export class MeetingOutcomeDto {
  @ApiProperty({ enum: MEETING_OUTCOMES })
  @IsIn(MEETING_OUTCOMES)
  status: MeetingOutcome;

  @ApiPropertyOptional({
    maxLength: 10000,
    description: 'Encrypted at rest; case team only (coordinators: 403).',
  })
  @Optional()
  @IsString()
  @MaxLength(10000)
  outcomeNotes?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'The new time, in the future: required with postponed, refused otherwise.',
  })
  @Optional()
  @IsISO8601({ strict: true, strictSeparator: true })
  @Matches(WITH_TIME_ZONE)
  rescheduledAt?: string;
}
