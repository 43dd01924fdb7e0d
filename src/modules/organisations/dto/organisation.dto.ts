import { LowerCase, Optional } from '../../../common/http/dto';
import { NameText } from '../../../common/http/text';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { STATS_SCOPES, StatsScopeSetting } from '../authority.entity';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';

export class CreateAssociationDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @Optional()
  @LowerCase()
  @IsUUID()
  id?: string;

  @ApiProperty({ example: 'Association des médiateurs de Koro' })
  @NameText()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional()
  @Optional()
  @NameText()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  registrationNumber?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @Optional()
  @LowerCase()
  @IsUUID()
  registeredWithAuthorityId?: string;
}

export class AssociationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) registrationNumber: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) registeredWithAuthorityId:
    string | null;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class AssociationPage {
  @ApiProperty({ type: [AssociationResponse] }) items: AssociationResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class CreateAuthorityDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @Optional()
  @LowerCase()
  @IsUUID()
  id?: string;

  @ApiProperty({ example: 'Préfecture de Koro' })
  @NameText()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name: string;

  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'Areas (regions, cercles, communes) under this authority',
  })
  @IsArray()
  @ArrayMaxSize(500)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  @LowerCase()
  jurisdictionAreaIds: string[];
}

const STATS_SCOPE_DOC = {
  enum: STATS_SCOPES,
  description:
    "Whose accord statistics the authority's officials see: the cercles of its jurisdiction " +
    '(a cercle, or its region, listed in jurisdictionAreaIds), or every cercle ("all", granted by an admin).',
};

/** An admin widens (or narrows back) the statistics an authority's officials see. */
export class UpdateAuthorityDto {
  @ApiProperty(STATS_SCOPE_DOC)
  @IsIn(STATS_SCOPES)
  statsScope: StatsScopeSetting;
}

export class AuthorityResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: [String], format: 'uuid' }) jurisdictionAreaIds: string[];
  @ApiProperty(STATS_SCOPE_DOC) statsScope: StatsScopeSetting;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class AuthorityPage {
  @ApiProperty({ type: [AuthorityResponse] }) items: AuthorityResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
