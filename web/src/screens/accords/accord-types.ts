import type { HealthLevel } from '../../api/types';

/** Shapes of the accord routes (openapi.json: AccordDetailResponse, TermResponse, …). */
export const KINDS = [
  'ceasefire',
  'non_aggression_pact',
  'framework',
  'implementation',
  'renewal',
  'humanitarian_access',
] as const;
export type AccordKind = (typeof KINDS)[number];

export const FORMS = ['verbal', 'written'] as const;
export type AccordForm = (typeof FORMS)[number];

export const CATEGORIES = [
  'ceasefire_non_aggression',
  'freedom_of_movement',
  'livelihoods_access',
  'weapons',
  'armed_presence',
  'explosives_mines',
  'infrastructure',
  'information_collaboration',
  'reconciliation_forgiveness',
  'prisoner_release',
  'compensation',
  'religious_social_rules',
  'taxation_zakat',
  'education',
  'justice_dispute_resolution',
  'displacement_return',
  'humanitarian_access',
  'other',
] as const;
export type TermCategory = (typeof CATEGORIES)[number];

/** The Peace Accords Matrix scale (0–3), then the two local-pact states. */
export const STATUSES = [
  'not_initiated',
  'minimal',
  'intermediate',
  'full',
  'violated',
  'unknown',
] as const;
export type AssessmentStatus = (typeof STATUSES)[number];

export const METHODS = ['visit', 'phone', 'informant', 'meeting'] as const;
export type CheckMethod = (typeof METHODS)[number];

export const OVERALLS = ['stable', 'tense', 'breaking_down'] as const;
export type Overall = (typeof OVERALLS)[number];

export const INDICATORS = [
  'markets_open',
  'farming_possible',
  'movement_free',
  'displaced_returning',
  'armed_presence_near_village',
  'threats_against_mediators',
] as const;
export type Indicator = (typeof INDICATORS)[number];
export const TRISTATE = ['yes', 'no', 'unknown'] as const;
export type Tristate = (typeof TRISTATE)[number];

export const INCIDENT_TYPES = [
  'armed_clash',
  'attack_on_civilians',
  'abduction',
  'explosive_device',
  'looting_property_destruction',
  'cattle_theft',
  'siege_blockade',
  'corporal_punishment',
  'threat_intimidation',
  'arrest_detention',
  'displacement',
  'other',
] as const;
export type IncidentType = (typeof INCIDENT_TYPES)[number];

export const VERIFICATIONS = ['verified', 'unverified', 'pending', 'false'] as const;
export type Verification = (typeof VERIFICATIONS)[number];

export const SEVERITIES = ['low', 'medium', 'high'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const REASONS = [
  'case_collapsed',
  'high_flag_open',
  'last_check_breaking_down',
  'term_violated',
  'fatal_incident_30d',
  'follow_up_overdue',
  'term_score_dropped',
  'incident_30d',
  'flag_open',
  'threats_against_mediators',
] as const;
export type HealthReason = (typeof REASONS)[number];

export interface AccordHealth {
  level: HealthLevel;
  reasons: string[];
}

export interface LatestAssessment {
  followUpId: string;
  checkedAt: string;
  status: AssessmentStatus;
  note: string | null;
}

export interface Term {
  id: string;
  accordId: string;
  text: string;
  category: TermCategory;
  obligorPartyId: string;
  beneficiaryPartyId: string | null;
  isConcession: boolean;
  deadline: string | null;
  latestAssessment?: LatestAssessment | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface Flag {
  id: string;
  accordId: string;
  severity: Severity;
  reason: string;
  raisedBy: string;
  raisedAt: string;
  resolvedBy: string | null;
  resolvedAt: string | null;
  resolutionNote: string | null;
}

export interface Accord {
  id: string;
  caseId: string;
  concludedAt: string;
  meetingId: string | null;
  form: AccordForm;
  kind: AccordKind;
  monitoringMechanism: string | null;
  followUpIntervalDays: number;
  summary?: string | null;
  health: AccordHealth;
  lastCheckedAt: string | null;
  nextCheckDue: string;
  implementationScore: number | null;
  version: number;
}

export interface AccordDetail extends Accord {
  terms: Term[];
  flags: Flag[];
}

export interface Party {
  id: string;
  name: string;
  kind: string;
}

export interface Incident {
  id: string;
  type: IncidentType;
  occurredAt: string;
  fatalities: number;
  perpetratorKind: string | null;
  verification: Verification;
}

export interface FollowUp {
  id: string;
  accordId: string;
  checkedAt: string;
  method: CheckMethod;
  indicators: Partial<Record<Indicator, Tristate>>;
  overall: Overall;
  nextCheckDue: string;
  implementationScore: number | null;
  assessments: { termId: string; status: AssessmentStatus; note: string | null }[];
  incidents: Incident[];
  createdAt: string;
}

export interface TermRevision {
  id: string;
  previousText: string;
  previousCategory: TermCategory;
  meetingId: string | null;
  changedBy: string;
  changedAt: string;
}

/** Whether a health reason is one this screen knows how to word. */
export const isKnownReason = (r: string): r is HealthReason =>
  (REASONS as readonly string[]).includes(r);

export interface TermHistory {
  termId: string;
  items: TermRevision[];
}
