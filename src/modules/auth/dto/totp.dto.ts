import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';

/** Enrolling a second factor needs the password again, not only a session (ASVS V6). */
export class TotpSetupDto {
  @ApiProperty({
    description:
      'The account’s current password. Wrong: 400 wrong_current_password, counted per user (429 too_many_attempts after 5).',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  password: string;
}

export class TotpCodeDto {
  @ApiProperty({ description: 'Six-digit code from the authenticator app', example: '123456' })
  @IsString()
  @Matches(/^\d{6}$/)
  code: string;
}

export class TotpSetupResponse {
  @ApiProperty({ description: 'Base32 secret, to type into the authenticator app' })
  secret: string;

  @ApiProperty({
    description: 'otpauth://totp/ URL (issuer Toguna, label the username), for a QR code',
  })
  otpauthUrl: string;
}
