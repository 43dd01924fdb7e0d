import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { PlannedDate } from '../../../common/http/dates';
import { LowerCase, Optional } from '../../../common/http/dto';
import { FreeText } from '../../../common/http/text';
import { TERM_CATEGORIES, TermCategory } from '../accord-vocabulary';
import { MAX_TERM_TEXT } from './create-term.dto';

/** An amendment of a term; the previous text and category are kept as a revision. */
export class UpdateTermDto {
  @ApiPropertyOptional({ maxLength: MAX_TERM_TEXT })
  @Optional()
  @FreeText()
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_TERM_TEXT)
  text?: string;

  @ApiPropertyOptional({ enum: TERM_CATEGORIES })
  @Optional()
  @IsIn(TERM_CATEGORIES)
  category?: TermCategory;

  @ApiPropertyOptional({ format: 'uuid', description: 'The meeting where the change was agreed.' })
  @Optional()
  @LowerCase()
  @IsUUID()
  meetingId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @Optional()
  @LowerCase()
  @IsUUID()
  obligorPartyId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @Optional()
  @LowerCase()
  @IsUUID()
  beneficiaryPartyId?: string;

  @ApiPropertyOptional()
  @Optional()
  @IsBoolean()
  isConcession?: boolean;

  @ApiPropertyOptional({ format: 'date', description: 'From 1960-01-01 to 2100-12-31.' })
  @Optional()
  @PlannedDate()
  deadline?: string;
}
