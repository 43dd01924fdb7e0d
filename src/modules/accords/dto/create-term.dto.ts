import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { PlannedDate } from '../../../common/http/dates';
import { ClientId, LowerCase, Optional } from '../../../common/http/dto';
import { FreeText } from '../../../common/http/text';
import { TERM_CATEGORIES, TermCategory } from '../accord-vocabulary';

export const MAX_TERM_TEXT = 5000;

export class CreateTermDto {
  @ClientId()
  id?: string;

  @ApiProperty({ maxLength: MAX_TERM_TEXT, description: 'Encrypted at rest.' })
  @FreeText()
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

  @ApiPropertyOptional({
    format: 'date',
    example: '2027-01-31',
    description: 'From 1960-01-01 to 2100-12-31.',
  })
  @Optional()
  @PlannedDate()
  deadline?: string;
}
