import { Optional, Trim } from '../../../common/http/dto';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsString, MaxLength, MinLength } from 'class-validator';

export class UpdateUserDto {
  @ApiPropertyOptional()
  @Optional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  displayName?: string;

  @ApiPropertyOptional({ description: 'Disabling ends every session of the user at once.' })
  @Optional()
  @IsBoolean()
  disabled?: boolean;
}
