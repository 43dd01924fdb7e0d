/** Shapes of the meeting routes: the API's own (openapi.json components.schemas). */
import type { Schemas } from '../../api/types';

export type { MeetingStatus } from '../../api/vocabulary';
export type MeetingResponse = Schemas['MeetingResponse'];
export type MissionOrderCoverage = Schemas['MissionOrderCoverageResponse'];
export type TeamMember = Schemas['TeamMemberResponse'];
export type Party = Schemas['PartyResponse'];
/** The body of POST /cases/:id/meetings (PATCH /meetings/:id takes the same fields). */
export type MeetingBody = Schemas['CreateMeetingDto'];
