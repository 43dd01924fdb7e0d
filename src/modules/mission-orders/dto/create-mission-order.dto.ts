import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsISO8601,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';
import { DateWithin } from '../../../common/http/dates';
import { LowerCase, Optional } from '../../../common/http/dto';
import { FreeText } from '../../../common/http/text';

export const MAX_HOLDERS = 50;
export const MAX_AREAS = 50;

export class CreateMissionOrderDto {
  @ApiProperty({ format: 'uuid', description: 'The authority asked to issue the order.' })
  @LowerCase()
  @IsUUID()
  authorityId: string;

  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: "Mediators of the caller's association (a mediator: only themself).",
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_HOLDERS)
  @LowerCase()
  @ArrayUnique()
  @IsUUID(undefined, { each: true })
  holderUserIds: string[];

  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: "Regions, cercles or communes inside the authority's jurisdiction.",
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_AREAS)
  @LowerCase()
  @ArrayUnique()
  @IsUUID(undefined, { each: true })
  areaIds: string[];

  @ApiProperty({ minLength: 1, maxLength: 1000, description: 'Never printed on the credential.' })
  @FreeText()
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  purpose: string;

  @ApiProperty({ format: 'date-time', description: 'From 1960-01-01 to 2100-12-31.' })
  @IsISO8601({ strict: true })
  @DateWithin('planned')
  validFrom: string;

  @ApiProperty({ format: 'date-time', description: 'After validFrom, at most 90 days later.' })
  @IsISO8601({ strict: true })
  @DateWithin('planned')
  validUntil: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A case the caller can see.' })
  @Optional()
  @LowerCase()
  @IsUUID()
  caseId?: string;
}
