import { Injectable } from '@nestjs/common';
import { accordHealth, nextCheckDueOf, RECENT_INCIDENT_DAYS } from './accord-health';
import { AccordStanding, scoreOf } from './accords.mapper';
import { AccordRow } from './accords.repository';
import { FlagsRepository } from './flags.repository';
import { FollowUpRow, FollowUpsRepository } from './follow-ups.repository';

const DAY_MS = 86_400_000;

/** Where an accord stands now: health with its reasons, last check, next due date, score. */
@Injectable()
export class AccordStandingService {
  constructor(
    private readonly followUps: FollowUpsRepository,
    private readonly flags: FlagsRepository,
  ) {}

  // ---- helpers ----
  /** Health, last check, next due date and score of an accord, now. */
  async of(row: AccordRow, now = new Date()): Promise<AccordStanding> {
    const [standing] = await this.ofAll([row], now);
    return standing;
  }

  /** The standing of each accord, in order, from four queries whatever their number. */
  async ofAll(rows: AccordRow[], now = new Date()): Promise<AccordStanding[]> {
    const ids = rows.map((r) => r.id);
    const since = new Date(now.getTime() - (RECENT_INCIDENT_DAYS + 1) * DAY_MS);
    const [checks, openFlags, incidents] = await Promise.all([
      this.followUps.lastTwoFollowUps(ids),
      this.flags.openFlagSeverities(ids),
      this.followUps.incidentsSince(ids, since),
    ]);
    const assessments = await this.followUps.assessmentsOf(checks.map((c) => c.id));
    const of = (check: FollowUpRow | undefined) =>
      check
        ? assessments
            .filter((a) => a.followUpId === check.id)
            .map((a) => ({ termId: a.termId, status: a.status }))
        : [];
    return rows.map((row) => {
      const [last, previous] = checks.filter((c) => c.accordId === row.id);
      const input = {
        caseStatus: row.caseStatus,
        concludedAt: row.concludedAt,
        followUpIntervalDays: row.followUpIntervalDays,
        openFlags: openFlags.filter((f) => f.accordId === row.id),
        lastCheck: last
          ? {
              overall: last.overall,
              nextCheckDue: last.nextCheckDue,
              indicators: last.indicators,
              assessments: of(last),
            }
          : null,
        previousCheck: previous ? { assessments: of(previous) } : null,
        incidents: incidents.filter((i) => i.accordId === row.id),
      };
      return {
        health: accordHealth(input, now),
        lastCheckedAt: last?.checkedAt ?? null,
        nextCheckDue: nextCheckDueOf(input),
        implementationScore: last ? scoreOf(last.implementationScore) : null,
      };
    });
  }
}
