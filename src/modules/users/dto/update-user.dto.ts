import { Optional } from '../../../common/http/dto';
import { NameText } from '../../../common/http/text';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsString, MaxLength, MinLength } from 'class-validator';

export class UpdateUserDto {
  @ApiPropertyOptional()
  @Optional()
  @NameText()
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  displayName?: string;

  @ApiPropertyOptional({ description: 'Disabling ends every session of the user at once.' })
  @Optional()
  @IsBoolean()
  disabled?: boolean;
}
