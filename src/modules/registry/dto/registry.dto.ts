import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { LowerCase } from '../../../common/http/dto';
import { FreeText } from '../../../common/http/text';
import { CASE_STATUSES, CASE_TYPES, CaseStatus, CaseType } from '../../cases/vocabulary';

export class RegistryQueryDto {
  @ApiProperty({ format: 'uuid', description: 'A commune' })
  @LowerCase()
  @IsUUID()
  areaId: string;
}

/** Another association's active case in the commune: these four facts and nothing else. */
export class RegistryEntry {
  @ApiProperty() associationName: string;
  @ApiProperty({ enum: CASE_TYPES }) type: CaseType;
  @ApiProperty({ enum: CASE_STATUSES }) status: CaseStatus;
  @ApiProperty({ example: '2026-03', description: 'Month the case was opened (YYYY-MM)' })
  startedMonth: string;
}

export class RegistryResponse {
  @ApiProperty({ type: [RegistryEntry] }) items: RegistryEntry[];
}

export class CreateCoordinationRequestDto {
  @ApiProperty({ format: 'uuid', description: "One of the caller's association's cases" })
  @LowerCase()
  @IsUUID()
  caseId: string;

  @ApiProperty({ format: 'uuid', description: 'The commune of that case' })
  @LowerCase()
  @IsUUID()
  areaId: string;

  @ApiProperty({ description: "To the other associations' coordinators; stored encrypted" })
  @FreeText()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  message: string;
}

export class CoordinationRequestResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'How many other associations were notified' })
  notifiedAssociations: number;
}
