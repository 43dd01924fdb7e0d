import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CASE_STATUSES, CASE_TYPES, CaseStatus, CaseType } from '../case-status';

export class CaseResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() codeName: string;
  @ApiProperty({ format: 'uuid' }) areaId: string;
  @ApiProperty({ enum: CASE_TYPES }) type: CaseType;
  @ApiProperty({ enum: CASE_STATUSES }) status: CaseStatus;
  @ApiProperty({ enum: CASE_STATUSES, nullable: true, type: String })
  statusBeforeSuspension: CaseStatus | null;
  @ApiProperty({ nullable: true, type: String }) summary: string | null;
  @ApiProperty({ type: [String] }) languages: string[];
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'Case team only; absent for anyone else.',
  })
  locationDetail?: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'Case team only; absent for anyone else.',
  })
  confidentialNotes?: string | null;
  @ApiProperty({ format: 'uuid' }) associationId: string;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) leadUserId: string | null;
  @ApiProperty({ type: [String], format: 'uuid' }) teamUserIds: string[];
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'When an admin erased the case: its encrypted fields then read "[erased]"',
  })
  erasedAt: string | null;
}

/** Another association's active case in the same commune: nothing more than this. */
export class CaseOverlap {
  @ApiProperty() associationName: string;
  @ApiProperty({ enum: CASE_TYPES }) type: CaseType;
  @ApiProperty({ enum: CASE_STATUSES }) status: CaseStatus;
  @ApiProperty({ example: '2026-03', description: 'Month the case started (YYYY-MM)' })
  startedMonth: string;
}

export class CreatedCaseResponse extends CaseResponse {
  @ApiProperty({ type: [CaseOverlap] }) overlaps: CaseOverlap[];
}

export class CasePage {
  @ApiProperty({ type: [CaseResponse] }) items: CaseResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class CaseHistoryEntry {
  @ApiProperty({ enum: ['transition', 'change'] }) kind: 'transition' | 'change';
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) actorUserId: string | null;
  @ApiPropertyOptional({ enum: CASE_STATUSES }) from?: CaseStatus;
  @ApiPropertyOptional({ enum: CASE_STATUSES }) to?: CaseStatus;
  @ApiPropertyOptional({ description: 'Reason of a transition' }) reason?: string;
  @ApiPropertyOptional({ example: 'case.update', description: 'Audit action of a change' })
  action?: string;
  @ApiPropertyOptional({
    type: [String],
    description: 'Names of the fields changed (never values)',
  })
  fields?: string[];
}

export class CaseHistory {
  @ApiProperty({ type: [CaseHistoryEntry] }) items: CaseHistoryEntry[];
}
