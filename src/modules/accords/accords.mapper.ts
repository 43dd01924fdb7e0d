import { AccordHealth } from './accord-health';
import {
  AccordResponse,
  FlagResponse,
  FollowUpResponse,
  IncidentResponse,
  TermResponse,
} from './dto/accord.response';
import { AccordRow } from './accords.repository';
import { TermRow } from './terms.repository';
import { FollowUpRow, IncidentRow } from './follow-ups.repository';
import { FlagRow } from './flags.repository';

/** What the health rules and the dashboard columns say about one accord now. */
export interface AccordStanding {
  health: AccordHealth;
  lastCheckedAt: Date | null;
  nextCheckDue: Date;
  implementationScore: number | null;
}

export function scoreOf(stored: string | null): number | null {
  return stored === null ? null : Number(stored);
}

/** The accord as a client sees it; `summary` only when given (decrypted for this caller). */
export function toAccordResponse(
  row: AccordRow,
  standing: AccordStanding,
  summary?: string | null,
): AccordResponse {
  return {
    id: row.id,
    caseId: row.caseId,
    smsCode: row.smsCode,
    concludedAt: row.concludedAt.toISOString(),
    meetingId: row.meetingId,
    form: row.form,
    kind: row.kind,
    monitoringMechanism: row.monitoringMechanism,
    followUpIntervalDays: row.followUpIntervalDays,
    ...(summary === undefined ? {} : { summary }),
    health: { level: standing.health.level, reasons: standing.health.reasons },
    lastCheckedAt: standing.lastCheckedAt?.toISOString() ?? null,
    nextCheckDue: standing.nextCheckDue.toISOString(),
    implementationScore: standing.implementationScore,
    createdBy: row.createdBy,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toTermResponse(row: TermRow, text: string): TermResponse {
  return {
    id: row.id,
    accordId: row.accordId,
    number: row.number,
    text,
    category: row.category,
    obligorPartyId: row.obligorPartyId,
    beneficiaryPartyId: row.beneficiaryPartyId,
    isConcession: row.isConcession,
    deadline: row.deadline,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toFlagResponse(
  row: FlagRow,
  reason: string,
  resolutionNote: string | null,
): FlagResponse {
  return {
    id: row.id,
    accordId: row.accordId,
    severity: row.severity,
    reason,
    raisedBy: row.raisedBy,
    raisedAt: row.raisedAt.toISOString(),
    resolvedBy: row.resolvedBy,
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    resolutionNote,
  };
}

export function toIncidentResponse(row: IncidentRow): IncidentResponse {
  return {
    id: row.id,
    type: row.type,
    occurredAt: row.occurredAt.toISOString(),
    fatalities: row.fatalities,
    perpetratorKind: row.perpetratorKind,
    verification: row.verification,
  };
}

export function toFollowUpResponse(
  row: Omit<FollowUpRow, 'checkedAtKey' | 'note'>,
  note: string | null,
  assessments: FollowUpResponse['assessments'],
  incidents: IncidentRow[],
): FollowUpResponse {
  return {
    id: row.id,
    accordId: row.accordId,
    checkedAt: row.checkedAt.toISOString(),
    method: row.method,
    indicators: row.indicators,
    overall: row.overall,
    nextCheckDue: row.nextCheckDue.toISOString(),
    implementationScore: scoreOf(row.implementationScore),
    note,
    assessments,
    incidents: incidents.map(toIncidentResponse),
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
  };
}
