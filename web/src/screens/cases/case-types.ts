/** Shapes of the case routes, as in openapi.json (components.schemas). */
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

export const CASE_TYPES = [
  'community_armed_group',
  'intercommunity',
  'militia_armed_group',
  'humanitarian_access',
  'other',
] as const;
export type CaseType = (typeof CASE_TYPES)[number];

export const PARTY_KINDS = [
  'community',
  'armed_group',
  'militia',
  'authority',
  'religious_leaders',
  'ngo',
  'other',
] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];

export interface CaseResponse {
  id: string;
  codeName: string;
  areaId: string;
  type: CaseType;
  status: CaseStatus;
  statusBeforeSuspension: CaseStatus | null;
  summary: string | null;
  languages: string[];
  associationId: string;
  createdBy: string;
  leadUserId: string | null;
  teamUserIds: string[];
  /** Case team only: absent for anyone else. */
  locationDetail?: string | null;
  confidentialNotes?: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** Another association's active case in a commune (no content). */
export interface Overlap {
  associationName: string;
  type: CaseType;
  status: CaseStatus;
  startedMonth: string;
}

export interface CreatedCase extends CaseResponse {
  overlaps: Overlap[];
}

export interface Area {
  id: string;
  name: string;
  level: 'region' | 'cercle' | 'commune';
  parentId: string | null;
}

export interface Party {
  id: string;
  caseId: string;
  name: string;
  kind: PartyKind;
  description: string | null;
  version: number;
}

export interface Participant {
  id: string;
  caseId: string;
  pseudonym: string;
  partyId: string | null;
  role: string;
  consentToRecordIdentity: boolean;
  /** Case team only. */
  realName?: string | null;
  contact?: string | null;
}

export interface TeamMember {
  userId: string;
  displayName: string;
  lead: boolean;
  addedAt: string;
}

export interface HistoryEntry {
  kind: 'transition' | 'change';
  occurredAt: string;
  actorUserId: string | null;
  action?: string;
  fields?: string[];
  from?: CaseStatus;
  to?: CaseStatus;
  reason?: string;
}

/** The forward moves of the state machine (src/modules/cases/case-status.ts). */
const MOVES: Record<CaseStatus, CaseStatus[]> = {
  exploratory: ['negotiating'],
  negotiating: ['accord_reached'],
  accord_reached: ['monitoring'],
  monitoring: ['breaking_down', 'closed'],
  breaking_down: ['monitoring', 'collapsed'],
  collapsed: ['closed'],
  suspended: ['closed'],
  closed: [],
};
const OPEN: CaseStatus[] = [
  'exploratory',
  'negotiating',
  'accord_reached',
  'monitoring',
  'breaking_down',
];

/** The statuses this user may move the case to (mirrors the API; mediators may not close). */
export function allowedTransitions(
  c: Pick<CaseResponse, 'status' | 'statusBeforeSuspension'>,
  isCoordinator: boolean,
): CaseStatus[] {
  const next = [...MOVES[c.status]];
  if (c.status === 'suspended' && c.statusBeforeSuspension) next.unshift(c.statusBeforeSuspension);
  if (OPEN.includes(c.status)) next.push('suspended');
  return next.filter((s) => s !== 'closed' || isCoordinator);
}

/** A tone for the status pill, so status never depends on the word alone nor colour alone. */
export function statusTone(status: CaseStatus): string | undefined {
  if (status === 'breaking_down' || status === 'collapsed') return 'bad';
  if (status === 'suspended') return 'warning';
  if (status === 'accord_reached' || status === 'monitoring') return 'ok';
  if (status === 'closed') return undefined;
  return 'info';
}
