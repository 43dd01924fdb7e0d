import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { ClientId, LowerCase, Optional } from '../../../common/http/dto';
import { FreeText, NameText } from '../../../common/http/text';
import { HappenedAt } from '../../../common/http/dates';
import { ACCORD_FORMS, ACCORD_KINDS, AccordForm, AccordKind } from '../accord-vocabulary';

export const MIN_FOLLOW_UP_INTERVAL_DAYS = 1;
export const MAX_FOLLOW_UP_INTERVAL_DAYS = 366;

export class CreateAccordDto {
  @ClientId()
  id?: string;

  @ApiProperty({
    format: 'date-time',
    example: '2026-11-20T10:00:00Z',
    description: 'From 1960-01-01 to 24 hours from now.',
  })
  @HappenedAt()
  concludedAt: string;

  @ApiProperty({ enum: ACCORD_KINDS })
  @IsIn(ACCORD_KINDS)
  kind: AccordKind;

  @ApiProperty({ enum: ACCORD_FORMS })
  @IsIn(ACCORD_FORMS)
  form: AccordForm;

  @ApiPropertyOptional({ format: 'uuid', description: 'A meeting of the same case.' })
  @Optional()
  @LowerCase()
  @IsUUID()
  meetingId?: string;

  @ApiPropertyOptional({ maxLength: 500, example: 'village committee of five' })
  @Optional()
  @NameText()
  @IsString()
  @MaxLength(500)
  monitoringMechanism?: string;

  @ApiPropertyOptional({
    minimum: MIN_FOLLOW_UP_INTERVAL_DAYS,
    maximum: MAX_FOLLOW_UP_INTERVAL_DAYS,
    default: 30,
  })
  @Optional()
  @IsInt()
  @Min(MIN_FOLLOW_UP_INTERVAL_DAYS)
  @Max(MAX_FOLLOW_UP_INTERVAL_DAYS)
  followUpIntervalDays?: number;

  @ApiPropertyOptional({ maxLength: 5000, description: 'Encrypted at rest.' })
  @Optional()
  @FreeText()
  @IsString()
  @MaxLength(5000)
  summary?: string;
}
