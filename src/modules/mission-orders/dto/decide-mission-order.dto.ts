import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { FreeText } from '../../../common/http/text';

/** Reject or revoke: why (stored encrypted). */
export class DecisionReasonDto {
  @ApiProperty({ minLength: 1, maxLength: 500, description: 'Why; stored encrypted.' })
  @FreeText()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason: string;
}
