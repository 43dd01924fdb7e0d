import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MEETING_STATUSES, MeetingStatus } from '../meeting-status';

export class MissionOrderCoverageResponse {
  @ApiProperty({ enum: ['valid', 'missing'] }) status: 'valid' | 'missing';
  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'Attendees without an approved, unexpired, unrevoked order covering the meeting',
  })
  missing: string[];
}

export class MeetingResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ format: 'date-time' }) scheduledAt: string;
  @ApiProperty() durationMinutes: number;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
  @ApiProperty({ enum: MEETING_STATUSES }) status: MeetingStatus;
  @ApiProperty({ nullable: true, type: String }) agenda: string | null;
  @ApiProperty({ type: [String] }) languages: string[];
  @ApiProperty() interpreterNeeded: boolean;
  @ApiProperty({ type: [String], format: 'uuid' }) attendeeUserIds: string[];
  @ApiProperty({ type: [String], format: 'uuid' }) partyIds: string[];
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
  outcomeNotes?: string | null;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: MissionOrderCoverageResponse })
  missionOrderCoverage: MissionOrderCoverageResponse;
}

export class MeetingPage {
  @ApiProperty({ type: [MeetingResponse] }) items: MeetingResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
