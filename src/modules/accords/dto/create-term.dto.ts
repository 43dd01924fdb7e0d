import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
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

export const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
export const MAX_TERM_TEXT = 5000;

export class CreateTermDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Client-chosen id (offline clients)' })
  @Optional()
  @LowerCase()
  @IsUUID()
  id?: string;

  @ApiProperty({ maxLength: MAX_TERM_TEXT, description: 'Encrypted at rest.' })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_TERM_TEXT)
  text: string;

  @ApiProperty({ enum: TERM_CATEGORIES })
  @IsIn(TERM_CATEGORIES)
  category: TermCategory;

  @ApiProperty({ format: 'uuid', description: 'A party of the same case: who is bound.' })
  @LowerCase()
  @IsUUID()
  obligorPartyId: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A party of the same case.' })
  @Optional()
  @LowerCase()
  @IsUUID()
  beneficiaryPartyId?: string;

  @ApiPropertyOptional({ default: false, description: 'Obtained by the community in bargaining.' })
  @Optional()
  @IsBoolean()
  isConcession?: boolean;

  @ApiPropertyOptional({ format: 'date', example: '2027-01-31' })
  @Optional()
  @IsISO8601({ strict: true })
  @Matches(DATE_ONLY)
  deadline?: string;
}
