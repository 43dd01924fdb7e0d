import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';

export class AddPhoneDto {
  @ApiProperty({
    example: '+22376123456',
    maxLength: 32,
    description: 'E.164; Mali’s 8 digits (`76 12 34 56`) become +223…',
  })
  @IsString()
  @MaxLength(32)
  number: string;
}

export class VerifyPhoneDto {
  @ApiProperty({ example: '482913', description: 'The six digits sent to the number by SMS.' })
  @IsString()
  @Matches(/^\d{6}$/, { message: 'code must be six digits' })
  code: string;
}

export class PhoneResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({
    example: '+223 ** ** 34 56',
    description: 'Masked: the full number is never sent back.',
  })
  number: string;
  @ApiProperty() verified: boolean;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) verifiedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class PhoneList {
  @ApiProperty({ type: [PhoneResponse] }) items: PhoneResponse[];
}
