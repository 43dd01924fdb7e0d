import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { ClientId, Optional } from '../../../common/http/dto';
import { FreeText, NameText } from '../../../common/http/text';
import { PARTY_KINDS, PartyKind } from '../party-kinds';

export class CreatePartyDto {
  @ClientId()
  id?: string;

  @ApiProperty({ example: 'Village council' })
  @NameText()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: PARTY_KINDS })
  @IsIn(PARTY_KINDS)
  kind: PartyKind;

  @ApiPropertyOptional()
  @Optional()
  @FreeText()
  @IsString()
  @MaxLength(2000)
  description?: string;
}

export class UpdatePartyDto {
  @ApiPropertyOptional()
  @Optional()
  @NameText()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ enum: PARTY_KINDS })
  @Optional()
  @IsIn(PARTY_KINDS)
  kind?: PartyKind;

  @ApiPropertyOptional()
  @Optional()
  @FreeText()
  @IsString()
  @MaxLength(2000)
  description?: string;
}

export class PartyResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: PARTY_KINDS }) kind: PartyKind;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class PartyPage {
  @ApiProperty({ type: [PartyResponse] }) items: PartyResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
