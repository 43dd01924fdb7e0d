import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';

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
