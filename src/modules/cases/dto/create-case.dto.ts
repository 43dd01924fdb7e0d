import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { ClientId, LanguageCodes, LowerCase, Optional } from '../../../common/http/dto';
import { FreeText, NameText } from '../../../common/http/text';
import { CASE_TYPES, CaseType } from '../case-status';

/** ISO 639-3 language codes (three lower-case letters). */
export class CreateCaseDto {
  @ClientId()
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

  @LanguageCodes({
    example: ['ffm', 'dts'],
    description: 'ISO 639-3 codes used in the talks (at most 20).',
  })
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
