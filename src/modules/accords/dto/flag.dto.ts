import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { FreeText } from '../../../common/http/text';
import { FLAG_SEVERITIES, FlagSeverity } from '../accord-vocabulary';

export class RaiseFlagDto {
  @ApiProperty({ enum: FLAG_SEVERITIES, description: '`high` moves the case to breaking_down.' })
  @IsIn(FLAG_SEVERITIES)
  severity: FlagSeverity;

  @ApiProperty({ maxLength: 2000, description: 'Encrypted at rest.' })
  @FreeText()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason: string;
}

export class ResolveFlagDto {
  @ApiProperty({ maxLength: 2000, description: 'Encrypted at rest.' })
  @FreeText()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  note: string;
}
