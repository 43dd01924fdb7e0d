/** Stored statuses of a mission order. `expired` is derived, never stored. */
export const MISSION_ORDER_STATUSES = ['requested', 'approved', 'rejected', 'revoked'] as const;
export type MissionOrderStatus = (typeof MISSION_ORDER_STATUSES)[number];

/** What a client reads: an approved order past `validUntil` reads as `expired`. */
export type MissionOrderReadStatus = MissionOrderStatus | 'expired';

/** The longest validity window, in days. */
export const MAX_VALIDITY_DAYS = 90;

export function readStatus(
  status: MissionOrderStatus,
  validUntil: Date,
  now: Date = new Date(),
): MissionOrderReadStatus {
  return status === 'approved' && validUntil.getTime() < now.getTime() ? 'expired' : status;
}

/** Allowed decisions: requested → approved | rejected; approved → revoked. */
export function canTransition(from: MissionOrderStatus, to: MissionOrderStatus): boolean {
  if (from === 'requested') return to === 'approved' || to === 'rejected';
  if (from === 'approved') return to === 'revoked';
  return false;
}
