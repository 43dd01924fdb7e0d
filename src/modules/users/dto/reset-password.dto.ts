import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

/** A temporary password an admin gives a user in person; it must be changed at sign-in. */
export class ResetPasswordDto {
  @ApiProperty({
    minLength: 10,
    description:
      'Temporary password; at least 10 characters, not a common one. The user must change it at the next sign-in.',
  })
  @IsString()
  @MaxLength(256)
  password: string;
}
