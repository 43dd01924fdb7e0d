import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { ClientId, LowerCase, Optional } from '../../../common/http/dto';
import { NameText } from '../../../common/http/text';

export class CreateParticipantDto {
  @ClientId()
  id?: string;

  @ApiProperty({ example: 'Baobab', description: 'The name used in the file: never a real name' })
  @NameText()
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  pseudonym: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A party of the same case' })
  @Optional()
  @LowerCase()
  @IsUUID()
  partyId?: string;

  @ApiProperty({ example: 'negotiator', description: 'negotiator, interpreter, elder, informant…' })
  @NameText()
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  role: string;

  @ApiPropertyOptional({ default: false })
  @Optional()
  @IsBoolean()
  consentToRecordIdentity?: boolean;

  @ApiPropertyOptional({
    description: 'Needs consentToRecordIdentity: true; encrypted; shown to the case team only',
  })
  @Optional()
  @NameText()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  realName?: string;

  @ApiPropertyOptional({
    description: 'Needs consentToRecordIdentity: true; encrypted; shown to the case team only',
  })
  @Optional()
  @NameText()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  contact?: string;
}

export class ParticipantResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty() pseudonym: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) partyId: string | null;
  @ApiProperty() role: string;
  @ApiProperty() consentToRecordIdentity: boolean;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'Present for the case team only',
  })
  realName?: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'Present for the case team only',
  })
  contact?: string | null;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class ParticipantPage {
  @ApiProperty({ type: [ParticipantResponse] }) items: ParticipantResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
