import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { FreeText } from '../../../common/http/text';
import { CASE_STATUSES, CaseStatus } from '../case-status';

export class TransitionCaseDto {
  @ApiProperty({ enum: CASE_STATUSES })
  @IsIn(CASE_STATUSES)
  to: CaseStatus;

  @ApiProperty({ minLength: 1, maxLength: 500, description: 'Why; stored encrypted.' })
  @FreeText()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason: string;
}
