import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsISO8601,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { LowerCase, Optional, Trim } from '../../../common/http/dto';
import { TERM_CATEGORIES, TermCategory } from '../accord-vocabulary';
import { DATE_ONLY, MAX_TERM_TEXT } from './create-term.dto';

/** An amendment of a term; the previous text and category are kept as a revision. */
export class UpdateTermDto {
  @ApiPropertyOptional({ maxLength: MAX_TERM_TEXT })
  @Optional()
  @Trim()
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

  @ApiPropertyOptional({ format: 'date' })
  @Optional()
  @IsISO8601({ strict: true })
  @Matches(DATE_ONLY)
  deadline?: string;
}
