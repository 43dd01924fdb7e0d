/** Shapes of the meeting routes, as in openapi.json (components.schemas). */
export const MEETING_STATUSES = ['planned', 'held', 'postponed', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export interface MissionOrderCoverage {
  status: 'valid' | 'missing';
  missing: string[];
}

export interface MeetingResponse {
  id: string;
  caseId: string;
  scheduledAt: string;
  durationMinutes: number;
  endsAt: string;
  status: MeetingStatus;
  agenda: string | null;
  languages: string[];
  interpreterNeeded: boolean;
  attendeeUserIds: string[];
  partyIds: string[];
  locationDetail?: string | null;
  outcomeNotes?: string | null;
  createdBy: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  missionOrderCoverage: MissionOrderCoverage;
}

export interface TeamMember {
  userId: string;
  displayName: string;
  lead: boolean;
}

export interface Party {
  id: string;
  name: string;
  kind: string;
}

/** The body of POST /cases/:id/meetings and PATCH /meetings/:id. */
export interface MeetingBody {
  scheduledAt: string;
  durationMinutes: number;
  attendeeUserIds: string[];
  partyIds: string[];
  agenda?: string;
  languages: string[];
  interpreterNeeded: boolean;
  locationDetail?: string;
}
