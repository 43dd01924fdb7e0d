import { LowerCase, Optional } from '../../../common/http/dto';
import { NameText } from '../../../common/http/text';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { PageQueryDto } from '../../../common/http/pagination';
import { AREA_LEVELS, AreaLevel, PCODE_PATTERN } from '../area.entity';

const PCODE_DOC = {
  example: 'ML0504',
  pattern: PCODE_PATTERN.source,
  description:
    "OCHA COD-AB P-code of Mali: ML and two digits per level (region ML05, cercle ML0504, commune ML050401); a cercle's or commune's code extends its parent's when that one has a code.",
};
const PCODE_MESSAGE = { message: 'pcode must look like ML05, ML0504 or ML050401' };

export class CreateAreaDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @Optional()
  @LowerCase()
  @IsUUID()
  id?: string;

  @ApiProperty({ example: 'Dinangourou' })
  @NameText()
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  name: string;

  @ApiProperty({ enum: AREA_LEVELS })
  @IsIn(AREA_LEVELS)
  level: AreaLevel;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Required for a cercle (its region) and a commune (its cercle)',
  })
  @Optional()
  @LowerCase()
  @IsUUID()
  parentId?: string;

  @ApiPropertyOptional(PCODE_DOC)
  @Optional()
  @IsString()
  @Matches(PCODE_PATTERN, PCODE_MESSAGE)
  pcode?: string;
}

/** What an admin may change on an area: its P-code (null removes it). */
export class UpdateAreaDto {
  @ApiProperty({ ...PCODE_DOC, nullable: true, type: String })
  @ValidateIf((dto: UpdateAreaDto) => dto.pcode !== null)
  @IsString()
  @Matches(PCODE_PATTERN, PCODE_MESSAGE)
  pcode: string | null;
}

export class AreaQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @LowerCase()
  @IsUUID()
  parentId?: string;

  @ApiPropertyOptional({ enum: AREA_LEVELS })
  @IsOptional()
  @IsIn(AREA_LEVELS)
  level?: AreaLevel;
}

export class AreaResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: AREA_LEVELS }) level: AreaLevel;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) parentId: string | null;
  @ApiProperty({ ...PCODE_DOC, nullable: true, type: String }) pcode: string | null;
}

export class AreaPage {
  @ApiProperty({ type: [AreaResponse] }) items: AreaResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
