import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsString,
  IsUUID,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ClientId, LowerCase, Optional } from '../../../common/http/dto';
import { FreeText, NameText } from '../../../common/http/text';
import { HappenedAt, PlannedAt } from '../../../common/http/dates';
import {
  ASSESSMENT_STATUSES,
  AssessmentStatus,
  APP_FOLLOW_UP_METHODS,
  FollowUpMethod,
  INCIDENT_TYPES,
  INDICATOR_VALUES,
  IncidentType,
  IndicatorValue,
  OVERALL_JUDGEMENTS,
  OverallJudgement,
  Verification,
  VERIFICATIONS,
} from '../accord-vocabulary';

export const MAX_ASSESSMENTS = 200;
export const MAX_INCIDENTS = 100;

export class AssessmentDto {
  @ApiProperty({ format: 'uuid', description: 'A term of this accord.' })
  @LowerCase()
  @IsUUID()
  termId: string;

  @ApiProperty({ enum: ASSESSMENT_STATUSES })
  @IsIn(ASSESSMENT_STATUSES)
  status: AssessmentStatus;

  @ApiPropertyOptional({ maxLength: 2000, description: 'Encrypted at rest.' })
  @Optional()
  @FreeText()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

/** CEWARN-style indicators, each yes | no | unknown. */
export class IndicatorsDto {
  @ApiPropertyOptional({ enum: INDICATOR_VALUES })
  @Optional()
  @IsIn(INDICATOR_VALUES)
  markets_open?: IndicatorValue;

  @ApiPropertyOptional({ enum: INDICATOR_VALUES })
  @Optional()
  @IsIn(INDICATOR_VALUES)
  farming_possible?: IndicatorValue;

  @ApiPropertyOptional({ enum: INDICATOR_VALUES })
  @Optional()
  @IsIn(INDICATOR_VALUES)
  movement_free?: IndicatorValue;

  @ApiPropertyOptional({ enum: INDICATOR_VALUES })
  @Optional()
  @IsIn(INDICATOR_VALUES)
  displaced_returning?: IndicatorValue;

  @ApiPropertyOptional({ enum: INDICATOR_VALUES })
  @Optional()
  @IsIn(INDICATOR_VALUES)
  armed_presence_near_village?: IndicatorValue;

  @ApiPropertyOptional({ enum: INDICATOR_VALUES })
  @Optional()
  @IsIn(INDICATOR_VALUES)
  threats_against_mediators?: IndicatorValue;
}

export class IncidentDto {
  @ApiProperty({ enum: INCIDENT_TYPES })
  @IsIn(INCIDENT_TYPES)
  type: IncidentType;

  @ApiProperty({ format: 'date-time', description: 'From 1960-01-01 to 24 hours from now.' })
  @HappenedAt()
  occurredAt: string;

  @ApiPropertyOptional({ minimum: 0, default: 0 })
  @Optional()
  @IsInt()
  @Min(0)
  fatalities?: number;

  @ApiPropertyOptional({ maxLength: 100, example: 'armed_group' })
  @Optional()
  @NameText()
  @IsString()
  @MaxLength(100)
  perpetratorKind?: string;

  @ApiProperty({ enum: VERIFICATIONS })
  @IsIn(VERIFICATIONS)
  verification: Verification;
}

export class CreateFollowUpDto {
  @ClientId()
  id?: string;

  @ApiProperty({ format: 'date-time', description: 'From 1960-01-01 to 24 hours from now.' })
  @HappenedAt()
  checkedAt: string;

  @ApiProperty({ enum: APP_FOLLOW_UP_METHODS, description: '`sms` is for checks sent by SMS.' })
  @IsIn(APP_FOLLOW_UP_METHODS)
  method: FollowUpMethod;

  @ApiProperty({ type: [AssessmentDto] })
  @IsArray()
  @ArrayMaxSize(MAX_ASSESSMENTS)
  @ValidateNested({ each: true })
  @Type(() => AssessmentDto)
  assessments: AssessmentDto[];

  @ApiPropertyOptional({ type: IndicatorsDto })
  @Optional()
  @ValidateNested()
  @Type(() => IndicatorsDto)
  indicators?: IndicatorsDto;

  @ApiPropertyOptional({ type: [IncidentDto] })
  @Optional()
  @IsArray()
  @ArrayMaxSize(MAX_INCIDENTS)
  @ValidateNested({ each: true })
  @Type(() => IncidentDto)
  incidents?: IncidentDto[];

  @ApiProperty({ enum: OVERALL_JUDGEMENTS })
  @IsIn(OVERALL_JUDGEMENTS)
  overall: OverallJudgement;

  @ApiPropertyOptional({ maxLength: 2000, description: 'On the whole check; encrypted at rest.' })
  @Optional()
  @FreeText()
  @IsString()
  @MaxLength(2000)
  note?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description:
      'Default: checkedAt + the accord’s followUpIntervalDays. From 1960-01-01 to 2100-12-31.',
  })
  @Optional()
  @PlannedAt()
  nextCheckDue?: string;
}
