import { ApiProperty } from '@nestjs/swagger';
import { Role, ROLES } from '../../../common/auth/role';

export class UserResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) associationId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) authorityId: string | null;
  @ApiProperty() disabled: boolean;
  @ApiProperty({
    description:
      'Created by an admin in an association and not yet confirmed by one of its coordinators ' +
      '(POST /users/{id}/confirm): may sign in, sees no case content.',
  })
  pending: boolean;
  @ApiProperty() mustChangePassword: boolean;
  @ApiProperty({
    description: 'Legal name and ID document number are on file (values never listed).',
  })
  hasLegalIdentity: boolean;
  @ApiProperty({ description: 'A second factor (TOTP authenticator app) is enabled.' })
  totpEnabled: boolean;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class UserPage {
  @ApiProperty({ type: [UserResponse] }) items: UserResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
