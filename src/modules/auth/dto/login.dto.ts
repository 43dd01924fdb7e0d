import { Optional } from '../../../common/http/dto';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  username: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  password: string;

  @ApiPropertyOptional({
    description: 'Six-digit code from the authenticator app, once TOTP is enabled',
  })
  @Optional()
  @IsString()
  @Matches(/^\d{6}$/)
  totp?: string;

  @ApiPropertyOptional({
    description:
      'The deviceToken an earlier sign-in of this account returned on this device. A valid one ' +
      "spares the attempt the account's lock and the address's failure limit that others caused.",
    maxLength: 200,
  })
  @Optional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  deviceToken?: string;
}

export class RefreshDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  refreshToken: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  currentPassword: string;

  @ApiProperty({ minLength: 10 })
  @IsString()
  @MaxLength(256)
  newPassword: string;
}
