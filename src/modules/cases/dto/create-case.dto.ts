import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { LANGUAGE_CODE, LowerCase, MAX_LANGUAGES, Optional } from '../../../common/http/dto';
import { FreeText, NameText } from '../../../common/http/text';
import { CASE_TYPES, CaseType } from '../case-status';

/** ISO 639-3 language codes (three lower-case letters). */
export class CreateCaseDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Client-chosen id (offline clients)' })
  @Optional()
  @LowerCase()
  @IsUUID()
  id?: string;

  @ApiProperty({ example: 'Baobab-7', description: 'A neutral label, never a village name.' })
  @NameText()
  @IsString()
  @MinLength(1)
  @MaxLength(80)
  codeName: string;

  @ApiProperty({ format: 'uuid', description: 'The commune of the dialogue.' })
  @LowerCase()
  @IsUUID()
  areaId: string;

  @ApiProperty({ enum: CASE_TYPES })
  @IsIn(CASE_TYPES)
  type: CaseType;

  @ApiPropertyOptional({ maxLength: 2000 })
  @Optional()
  @FreeText()
  @IsString()
  @MaxLength(2000)
  summary?: string;

  @ApiPropertyOptional({
    type: [String],
    example: ['ffm', 'dts'],
    description: 'ISO 639-3 codes used in the talks (at most 20).',
  })
  @Optional()
  @IsArray()
  @ArrayMaxSize(MAX_LANGUAGES)
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(LANGUAGE_CODE, { each: true })
  languages?: string[];

  @ApiPropertyOptional({
    maxLength: 1000,
    description: 'Village, exact place. Encrypted at rest; readable by the case team only.',
  })
  @Optional()
  @FreeText()
  @IsString()
  @MaxLength(1000)
  locationDetail?: string;

  @ApiPropertyOptional({
    maxLength: 10000,
    description: 'Encrypted at rest; readable by the case team only.',
  })
  @Optional()
  @FreeText({ trim: false })
  @IsString()
  @MaxLength(10000)
  confidentialNotes?: string;
}
