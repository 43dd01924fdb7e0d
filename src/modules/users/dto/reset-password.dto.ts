import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import {
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  PASSWORD_RULE,
} from '../../../common/auth/password-rule';

/** A temporary password an admin gives a user in person; it must be changed at sign-in. */
export class ResetPasswordDto {
  @ApiProperty({
    minLength: MIN_PASSWORD_LENGTH,
    maxLength: MAX_PASSWORD_LENGTH,
    description: `Temporary password. ${PASSWORD_RULE.en} The user must change it at the next sign-in.`,
  })
  @IsString()
  @MaxLength(MAX_PASSWORD_LENGTH)
  password: string;
}
