export const CASE_TYPES = [
  'community_armed_group',
  'intercommunity',
  'militia_armed_group',
  'humanitarian_access',
  'other',
] as const;
export type CaseType = (typeof CASE_TYPES)[number];

export const CASE_STATUSES = [
  'exploratory',
  'negotiating',
  'accord_reached',
  'monitoring',
  'breaking_down',
  'collapsed',
  'suspended',
  'closed',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** A case is active (listed in the coordination registry) until it is collapsed or closed. */
export const ACTIVE_STATUSES: readonly CaseStatus[] = [
  'exploratory',
  'negotiating',
  'accord_reached',
  'monitoring',
  'breaking_down',
  'suspended',
];

/** The states a case can be suspended from (and return to). */
export const OPEN_STATUSES: readonly CaseStatus[] = [
  'exploratory',
  'negotiating',
  'accord_reached',
  'monitoring',
  'breaking_down',
];

/** The forward moves of the state machine (suspension and resumption are handled apart). */
const MOVES: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  exploratory: ['negotiating'],
  negotiating: ['accord_reached'],
  accord_reached: ['monitoring'],
  monitoring: ['breaking_down', 'closed'],
  breaking_down: ['monitoring', 'collapsed'],
  collapsed: ['closed'],
  suspended: ['closed'],
  closed: [],
};

export interface TransitionRequest {
  from: CaseStatus;
  to: CaseStatus;
  /** Where a suspended case came from (null when it is not suspended). */
  statusBeforeSuspension: CaseStatus | null;
  /** Mediators may not close a case; coordinators may. */
  actor: 'mediator' | 'coordinator';
}

export type TransitionDecision =
  | { ok: true; statusBeforeSuspension: CaseStatus | null }
  | { ok: false; error: 'invalid_transition' | 'forbidden' };

/**
 * The status state machine (shared/design/domain.md), as a pure function:
 * whether `from → to` is allowed for this actor and, when it is, the
 * `statusBeforeSuspension` the case keeps afterwards.
 */
export function decideTransition(request: TransitionRequest): TransitionDecision {
  const { from, to } = request;
  let allowed = false;
  if (to === 'suspended') {
    allowed = OPEN_STATUSES.includes(from);
  } else if (from === 'suspended' && to !== 'closed') {
    allowed = request.statusBeforeSuspension !== null && to === request.statusBeforeSuspension;
  } else {
    allowed = MOVES[from].includes(to);
  }
  if (!allowed) return { ok: false, error: 'invalid_transition' };
  if (to === 'closed' && request.actor !== 'coordinator') return { ok: false, error: 'forbidden' };
  return { ok: true, statusBeforeSuspension: to === 'suspended' ? from : null };
}
