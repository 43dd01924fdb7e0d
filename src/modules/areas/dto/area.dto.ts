import { LowerCase, Optional } from '../../../common/http/dto';
import { NameText } from '../../../common/http/text';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { PageQueryDto } from '../../../common/http/pagination';
import { AREA_LEVELS, AreaLevel } from '../area.entity';

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
}

export class AreaPage {
  @ApiProperty({ type: [AreaResponse] }) items: AreaResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
