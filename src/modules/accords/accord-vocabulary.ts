/** The closed vocabularies of accords, terms, follow-up checks and flags (shared/design/domain.md). */

export const ACCORD_FORMS = ['verbal', 'written'] as const;
export type AccordForm = (typeof ACCORD_FORMS)[number];

/** After the PA-X stages. */
export const ACCORD_KINDS = [
  'ceasefire',
  'non_aggression_pact',
  'framework',
  'implementation',
  'renewal',
  'humanitarian_access',
] as const;
export type AccordKind = (typeof ACCORD_KINDS)[number];

/** Local-agreement taxonomy, mapped to PA-X codes. */
export const TERM_CATEGORIES = [
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
export type TermCategory = (typeof TERM_CATEGORIES)[number];

/** `sms`: sent from a registered phone (`SUIVI`, README "SMS"), never chosen in the app. */
export const FOLLOW_UP_METHODS = ['visit', 'phone', 'informant', 'meeting', 'sms'] as const;
export type FollowUpMethod = (typeof FOLLOW_UP_METHODS)[number];
/** What a check recorded in the app may say it was. */
export const APP_FOLLOW_UP_METHODS = ['visit', 'phone', 'informant', 'meeting'] as const;
export type AppFollowUpMethod = (typeof APP_FOLLOW_UP_METHODS)[number];

export const OVERALL_JUDGEMENTS = ['stable', 'tense', 'breaking_down'] as const;
export type OverallJudgement = (typeof OVERALL_JUDGEMENTS)[number];

/** Peace Accords Matrix scale plus `violated` and `unknown`. */
export const ASSESSMENT_STATUSES = [
  'not_initiated',
  'minimal',
  'intermediate',
  'full',
  'violated',
  'unknown',
] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];

/** CEWARN-style indicators of a check. */
export const INDICATOR_KEYS = [
  'markets_open',
  'farming_possible',
  'movement_free',
  'displaced_returning',
  'armed_presence_near_village',
  'threats_against_mediators',
] as const;
export type IndicatorKey = (typeof INDICATOR_KEYS)[number];
export const INDICATOR_VALUES = ['yes', 'no', 'unknown'] as const;
export type IndicatorValue = (typeof INDICATOR_VALUES)[number];
export type Indicators = Partial<Record<IndicatorKey, IndicatorValue>>;

/** ACLED-aligned incident types. */
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

export const FLAG_SEVERITIES = ['low', 'medium', 'high'] as const;
export type FlagSeverity = (typeof FLAG_SEVERITIES)[number];

/** SQL `IN (...)` list of a vocabulary, for CHECK constraints. */
export function sqlList(values: readonly string[]): string {
  return values.map((v) => `'${v}'`).join(', ');
}
