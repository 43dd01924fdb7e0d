import type { Schemas } from '../../api/types';
import { CASE_STATUSES, decideTransition, type CaseStatus } from '../../api/vocabulary';

/** Shapes of the case routes, as in openapi.json (components.schemas). */
export { CASE_STATUSES, CASE_TYPES, PARTY_KINDS } from '../../api/vocabulary';
export type { CaseStatus, CaseType, PartyKind } from '../../api/vocabulary';

export type CaseResponse = Schemas['CaseResponse'];
/** Another association's active case in a commune (no content). */
export type Overlap = Schemas['CaseOverlap'];
export type CreatedCase = Schemas['CreatedCaseResponse'];
export type Party = Schemas['PartyResponse'];
export type Participant = Schemas['ParticipantResponse'];
export type TeamMember = Schemas['TeamMemberResponse'];
export type HistoryEntry = Schemas['CaseHistoryEntry'];

/** Candidates in the order the buttons show them: forward moves first, suspension last. */
const CANDIDATES: readonly CaseStatus[] = [
  ...CASE_STATUSES.filter((s) => s !== 'suspended'),
  'suspended',
];

/** The statuses this user may move the case to (the API's own state machine; mediators may not close). */
export function allowedTransitions(
  c: Pick<CaseResponse, 'status' | 'statusBeforeSuspension'>,
  isCoordinator: boolean,
): CaseStatus[] {
  return CANDIDATES.filter(
    (to) =>
      decideTransition({
        from: c.status,
        to,
        statusBeforeSuspension: c.statusBeforeSuspension,
        actor: isCoordinator ? 'coordinator' : 'mediator',
      }).ok,
  );
}

/** A tone for the status pill, so status never depends on the word alone nor colour alone. */
export function statusTone(status: CaseStatus): string | undefined {
  if (status === 'breaking_down' || status === 'collapsed') return 'bad';
  if (status === 'suspended') return 'warning';
  if (status === 'accord_reached' || status === 'monitoring') return 'ok';
  if (status === 'closed') return undefined;
  return 'info';
}
