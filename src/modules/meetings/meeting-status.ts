export const MEETING_STATUSES = ['planned', 'held', 'postponed', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

/** What an outcome may record. */
export const MEETING_OUTCOMES = ['held', 'postponed', 'cancelled'] as const;
export type MeetingOutcome = (typeof MEETING_OUTCOMES)[number];

/** A planned (or postponed-to-a-new-time) meeting holds its attendees' time slots. */
export function holdsSlot(status: MeetingStatus): boolean {
  return status === 'planned' || status === 'postponed';
}

/** Held and cancelled meetings are over: no more changes, no more outcomes. */
export function isOpen(status: MeetingStatus): boolean {
  return holdsSlot(status);
}

export const MIN_DURATION_MINUTES = 1;
export const MAX_DURATION_MINUTES = 1440;
