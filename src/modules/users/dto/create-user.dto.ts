import { ClientId, LowerCase, Optional } from '../../../common/http/dto';
import { NameText } from '../../../common/http/text';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { Role, ROLES } from '../../../common/auth/role';
import {
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  PASSWORD_RULE,
} from '../../../common/auth/password-rule';

export class CreateUserDto {
  @ClientId()
  id?: string;

  @ApiProperty({ example: 'amadou.k', description: '3–64 characters: letters, digits, . _ -' })
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{3,64}$/)
  username: string;

  @ApiProperty({ example: 'Amadou K.' })
  @NameText()
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  displayName: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;

  @ApiPropertyOptional({ format: 'uuid' })
  @Optional()
  @LowerCase()
  @IsUUID()
  associationId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @Optional()
  @LowerCase()
  @IsUUID()
  authorityId?: string;

  @ApiPropertyOptional({ description: 'Printed on mission orders; stored encrypted.' })
  @Optional()
  @NameText()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  legalName?: string;

  @ApiPropertyOptional({ description: 'Printed on mission orders; stored encrypted.' })
  @Optional()
  @NameText()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  idDocumentNumber?: string;

  @ApiProperty({
    minLength: MIN_PASSWORD_LENGTH,
    maxLength: MAX_PASSWORD_LENGTH,
    description: `Initial password. ${PASSWORD_RULE.en}`,
  })
  @IsString()
  @MaxLength(MAX_PASSWORD_LENGTH)
  password: string;

  @ApiPropertyOptional({
    deprecated: true,
    description:
      'Accepted for compatibility and ignored: a password an admin sets is always temporary, ' +
      'the user must choose a new one at first sign-in (mustChangePassword is true in the response).',
  })
  @Optional()
  @IsBoolean()
  mustChangePassword?: boolean;
}
