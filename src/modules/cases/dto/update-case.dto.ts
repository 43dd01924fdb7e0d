import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { LanguageCodes, Optional } from '../../../common/http/dto';
import { FreeText, NameText } from '../../../common/http/text';
import { CASE_TYPES, CaseType } from '../case-status';

/** The fields a PATCH may change; status goes through transitions, the rest is fixed. */
export class UpdateCaseDto {
  @ApiPropertyOptional()
  @Optional()
  @NameText()
  @IsString()
  @MinLength(1)
  @MaxLength(80)
  codeName?: string;

  @ApiPropertyOptional({ enum: CASE_TYPES })
  @Optional()
  @IsIn(CASE_TYPES)
  type?: CaseType;

  @ApiPropertyOptional({ maxLength: 2000 })
  @Optional()
  @FreeText()
  @IsString()
  @MaxLength(2000)
  summary?: string;

  @LanguageCodes({ example: ['ffm', 'bam'] })
  languages?: string[];

  @ApiPropertyOptional({ maxLength: 1000, description: 'Case team only (coordinators: 403).' })
  @Optional()
  @FreeText()
  @IsString()
  @MaxLength(1000)
  locationDetail?: string;

  @ApiPropertyOptional({ maxLength: 10000, description: 'Case team only (coordinators: 403).' })
  @Optional()
  @FreeText({ trim: false })
  @IsString()
  @MaxLength(10000)
  confidentialNotes?: string;
}
