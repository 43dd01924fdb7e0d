import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Role, ROLES } from '../../../common/auth/role';

export class SessionUserResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() username: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty() displayName: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) associationId:
    string | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) authorityId: string | null;
  @ApiProperty() mustChangePassword: boolean;
}

export class TokenResponse {
  @ApiProperty() accessToken: string;
  @ApiProperty() refreshToken: string;
  @ApiProperty({ description: 'Seconds until the access token expires' }) expiresIn: number;
  @ApiProperty({ type: SessionUserResponse }) user: SessionUserResponse;
}

export class LoginResponse extends TokenResponse {
  @ApiProperty({
    description:
      'Opaque; keep it on this device and send it with the next sign-in of this account ' +
      '(valid for TOGUNA_DEVICE_TOKEN_DAYS after the last sign-in; forgotten on panic and disabling)',
  })
  deviceToken: string;
}

export class SessionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) lastUsedAt: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ nullable: true, type: String }) userAgent: string | null;
  @ApiProperty({ description: 'The session of this request' }) current: boolean;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'Last confirmation with a TOTP code (POST /auth/step-up)',
  })
  steppedUpAt: string | null;
}

export class SessionList {
  @ApiProperty({ type: [SessionResponse] }) items: SessionResponse[];
}
