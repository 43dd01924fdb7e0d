import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { LowerCase } from '../../../common/http/dto';
import { FreeText } from '../../../common/http/text';
import { PageQueryDto } from '../../../common/http/pagination';
import { CASE_STATUSES, CaseStatus } from '../case-status';

export class ListCasesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CASE_STATUSES })
  @IsOptional()
  @IsIn(CASE_STATUSES)
  status?: CaseStatus;

  @ApiPropertyOptional({ format: 'uuid', description: 'Commune' })
  @IsOptional()
  @LowerCase()
  @IsUUID()
  areaId?: string;

  @ApiPropertyOptional({ description: 'Case-insensitive text in the code name or summary' })
  @IsOptional()
  @FreeText()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  q?: string;
}
