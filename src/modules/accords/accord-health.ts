import type { CaseStatus } from '../cases/vocabulary';
import { AssessmentStatus, FlagSeverity, Indicators, OverallJudgement } from './accord-vocabulary';

export type HealthLevel = 'broken' | 'at_risk' | 'watch' | 'stable';

/** Worst first: the order of the dashboard. */
export const HEALTH_LEVELS: readonly HealthLevel[] = ['broken', 'at_risk', 'watch', 'stable'];

export type HealthReason =
  // broken
  | 'case_collapsed'
  // at_risk
  | 'high_flag_open'
  | 'last_check_breaking_down'
  | 'term_violated'
  | 'fatal_incident_30d'
  // watch
  | 'follow_up_overdue'
  | 'term_score_dropped'
  | 'incident_30d'
  | 'flag_open'
  | 'threats_against_mediators';

const LEVEL_OF: Record<HealthReason, HealthLevel> = {
  case_collapsed: 'broken',
  high_flag_open: 'at_risk',
  last_check_breaking_down: 'at_risk',
  term_violated: 'at_risk',
  fatal_incident_30d: 'at_risk',
  follow_up_overdue: 'watch',
  term_score_dropped: 'watch',
  incident_30d: 'watch',
  flag_open: 'watch',
  threats_against_mediators: 'watch',
};

export interface HealthCheck {
  overall: OverallJudgement;
  nextCheckDue: Date;
  indicators: Indicators;
  assessments: readonly { termId: string; status: AssessmentStatus }[];
}

export interface AccordHealthInput {
  caseStatus: CaseStatus;
  concludedAt: Date;
  followUpIntervalDays: number;
  /** Unresolved flags of the accord. */
  openFlags: readonly { severity: FlagSeverity }[];
  /** The latest check (by checkedAt), or null when the accord was never checked. */
  lastCheck: HealthCheck | null;
  /** The check before it, or null. */
  previousCheck: Pick<HealthCheck, 'assessments'> | null;
  /** Incidents reported at any check of the accord (older ones are ignored). */
  incidents: readonly { occurredAt: Date; fatalities: number }[];
}

export interface AccordHealth {
  level: HealthLevel;
  /** Every rule that fired, worst level first, in the order of domain.md. */
  reasons: HealthReason[];
}

const DAY_MS = 86_400_000;
/** "In the last 30 days": an incident exactly 30 days old still counts. */
export const RECENT_INCIDENT_DAYS = 30;

/** PAM scale: 0 not_initiated … 3 full; violated counts 0; unknown is not assessed (null). */
export function termScore(status: AssessmentStatus): number | null {
  switch (status) {
    case 'not_initiated':
    case 'violated':
      return 0;
    case 'minimal':
      return 1;
    case 'intermediate':
      return 2;
    case 'full':
      return 3;
    case 'unknown':
      return null;
  }
}

/**
 * PAM roll-up of one check: sum of term scores / (3 × assessed terms), as a
 * percentage rounded to 2 decimals; null when no term was assessed.
 */
export function implementationScore(statuses: readonly AssessmentStatus[]): number | null {
  const scores = statuses.map(termScore).filter((s): s is number => s !== null);
  if (scores.length === 0) return null;
  const sum = scores.reduce((a, b) => a + b, 0);
  return Math.round((sum / (3 * scores.length)) * 10_000) / 100;
}

/** The UTC calendar day of an instant, as days since the epoch. */
function utcDay(at: Date): number {
  return Math.floor(at.getTime() / DAY_MS);
}

/** When the next check is due: the last check's nextCheckDue, else conclusion + interval. */
export function nextCheckDueOf(
  input: Pick<AccordHealthInput, 'concludedAt' | 'followUpIntervalDays' | 'lastCheck'>,
): Date {
  return (
    input.lastCheck?.nextCheckDue ??
    new Date(input.concludedAt.getTime() + input.followUpIntervalDays * DAY_MS)
  );
}

/**
 * Whole UTC days a check is overdue: 0 when it is due today or later. A check
 * due today is not overdue; one due yesterday is 1 day overdue.
 */
export function daysOverdue(due: Date, now: Date): number {
  return Math.max(0, utcDay(now) - utcDay(due));
}

/**
 * Accord health (shared/design/domain.md, "Accord health"): deterministic,
 * computed at read time, with the reasons that fired. The level is the worst
 * level among the reasons; `stable` when none fired.
 */
export function accordHealth(input: AccordHealthInput, now: Date): AccordHealth {
  const reasons: HealthReason[] = [];
  const last = input.lastCheck;
  const recent = input.incidents.filter(
    (i) => now.getTime() - i.occurredAt.getTime() <= RECENT_INCIDENT_DAYS * DAY_MS,
  );

  if (input.caseStatus === 'collapsed') reasons.push('case_collapsed');

  if (input.openFlags.some((f) => f.severity === 'high')) reasons.push('high_flag_open');
  if (last?.overall === 'breaking_down') reasons.push('last_check_breaking_down');
  if (last?.assessments.some((a) => a.status === 'violated')) reasons.push('term_violated');
  if (recent.some((i) => i.fatalities > 0)) reasons.push('fatal_incident_30d');

  if (daysOverdue(nextCheckDueOf(input), now) > 0) reasons.push('follow_up_overdue');
  if (
    last &&
    input.previousCheck &&
    scoreDropped(input.previousCheck.assessments, last.assessments)
  )
    reasons.push('term_score_dropped');
  if (recent.length > 0) reasons.push('incident_30d');
  if (input.openFlags.length > 0) reasons.push('flag_open');
  if (last?.indicators.threats_against_mediators === 'yes')
    reasons.push('threats_against_mediators');

  const level = HEALTH_LEVELS.find((l) => reasons.some((r) => LEVEL_OF[r] === l)) ?? 'stable';
  return { level, reasons };
}

/** A term assessed at both checks scores lower now (unknown is not assessed). */
function scoreDropped(
  previous: HealthCheck['assessments'],
  latest: HealthCheck['assessments'],
): boolean {
  const before = new Map(previous.map((a) => [a.termId, termScore(a.status)]));
  return latest.some((a) => {
    const now = termScore(a.status);
    const then = before.get(a.termId);
    return now !== null && then !== undefined && then !== null && now < then;
  });
}
