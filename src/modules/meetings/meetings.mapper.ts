import { MeetingResponse, MissionOrderCoverageResponse } from './dto/meeting.response';
import { MeetingRow } from './meetings.repository';

export function endOf(row: Pick<MeetingRow, 'scheduledAt' | 'durationMinutes'>): Date {
  return new Date(row.scheduledAt.getTime() + row.durationMinutes * 60_000);
}

/**
 * The meeting as a client sees it. `sensitive` holds the decrypted
 * locationDetail / outcomeNotes for the case team; without it they are left
 * out of the response altogether.
 */
export function toMeetingResponse(
  row: MeetingRow,
  coverage: MissionOrderCoverageResponse,
  sensitive?: { locationDetail: string | null; outcomeNotes: string | null },
): MeetingResponse {
  return {
    id: row.id,
    caseId: row.caseId,
    scheduledAt: row.scheduledAt.toISOString(),
    durationMinutes: row.durationMinutes,
    endsAt: endOf(row).toISOString(),
    status: row.status,
    agenda: row.agenda,
    languages: row.languages,
    interpreterNeeded: row.interpreterNeeded,
    attendeeUserIds: row.attendeeUserIds,
    partyIds: row.partyIds,
    ...(sensitive
      ? { locationDetail: sensitive.locationDetail, outcomeNotes: sensitive.outcomeNotes }
      : {}),
    createdBy: row.createdBy,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    missionOrderCoverage: coverage,
  };
}
