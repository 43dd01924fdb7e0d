import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { PlannedAt } from '../../../common/http/dates';
import { Optional } from '../../../common/http/dto';
import { FreeText } from '../../../common/http/text';
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
  @FreeText({ trim: false })
  @IsString()
  @MaxLength(10000)
  outcomeNotes?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'The new time, in the future: required with postponed, refused otherwise.',
  })
  @Optional()
  @PlannedAt()
  rescheduledAt?: string;
}
