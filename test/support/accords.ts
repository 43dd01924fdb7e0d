import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import TestAgent from 'supertest/lib/agent';
import {
  AssessmentStatus,
  FlagSeverity,
  Indicators,
  OverallJudgement,
} from '../../src/modules/accords/accord-vocabulary';
import { refreshCheckSummarySql } from '../../src/modules/accords/accord-health.sql';
import { newSmsCode } from '../../src/modules/accords/sms-code';

/**
 * Arranges accords, terms, follow-up checks, incidents and flags straight in
 * SQL (plaintext placeholders where the application stores ciphertext: these
 * rows are read here for health only, never decrypted).
 */
export class AccordFactory {
  constructor(
    private readonly db: Pool,
    private readonly createdBy: string,
  ) {}

  async accord(opts: {
    caseId: string;
    concludedAt: Date;
    followUpIntervalDays?: number;
    terms?: number;
  }): Promise<{ id: string; termIds: string[] }> {
    const id = randomUUID();
    await this.db.query(
      `INSERT INTO accord (id, case_id, sms_code, concluded_at, form, kind, follow_up_interval_days,
                           created_by, version)
       VALUES ($1, $2, $3, $4, 'verbal', 'non_aggression_pact', $5, $6, 1)`,
      [
        id,
        opts.caseId,
        newSmsCode(),
        opts.concludedAt,
        opts.followUpIntervalDays ?? 30,
        this.createdBy,
      ],
    );
    const termIds: string[] = [];
    if ((opts.terms ?? 0) > 0) {
      const partyId = randomUUID();
      await this.db.query(
        `INSERT INTO case_party (id, case_id, name, kind, version) VALUES ($1, $2, $3, 'community', 1)`,
        [partyId, opts.caseId, `Party ${partyId.slice(0, 8)}`],
      );
      for (let i = 0; i < (opts.terms ?? 0); i++) {
        const termId = randomUUID();
        await this.db.query(
          `INSERT INTO accord_term (id, accord_id, number, text, category, obligor_party_id, version)
           VALUES ($1, $2, $3, 'enc:test', 'freedom_of_movement', $4, 1)`,
          [termId, id, i + 1, partyId],
        );
        termIds.push(termId);
      }
    }
    return { id, termIds };
  }

  async followUp(opts: {
    accordId: string;
    checkedAt: Date;
    nextCheckDue: Date;
    overall?: OverallJudgement;
    indicators?: Indicators;
    assessments?: { termId: string; status: AssessmentStatus }[];
    implementationScore?: number | null;
    incidents?: { occurredAt: Date; fatalities: number }[];
  }): Promise<{ id: string }> {
    const id = randomUUID();
    await this.db.query(
      `INSERT INTO follow_up (id, accord_id, checked_at, method, indicators, overall, next_check_due,
                              implementation_score, created_by)
       VALUES ($1, $2, $3, 'visit', $4, $5, $6, $7, $8)`,
      [
        id,
        opts.accordId,
        opts.checkedAt,
        JSON.stringify(opts.indicators ?? {}),
        opts.overall ?? 'stable',
        opts.nextCheckDue,
        opts.implementationScore ?? null,
        this.createdBy,
      ],
    );
    for (const a of opts.assessments ?? []) {
      await this.db.query(
        'INSERT INTO follow_up_assessment (id, follow_up_id, term_id, status) VALUES ($1, $2, $3, $4)',
        [randomUUID(), id, a.termId, a.status],
      );
    }
    for (const incident of opts.incidents ?? []) {
      await this.db.query(
        `INSERT INTO incident (id, follow_up_id, type, occurred_at, fatalities, verification)
         VALUES ($1, $2, 'armed_clash', $3, $4, 'unverified')`,
        [randomUUID(), id, incident.occurredAt, incident.fatalities],
      );
    }
    // What the API does in the same transaction when it records a check.
    await this.db.query(refreshCheckSummarySql('SELECT $1::uuid'), [opts.accordId]);
    return { id };
  }

  async flag(opts: {
    accordId: string;
    severity: FlagSeverity;
    resolved?: boolean;
  }): Promise<{ id: string }> {
    const id = randomUUID();
    await this.db.query(
      `INSERT INTO accord_flag (id, accord_id, severity, reason, raised_by, resolved_by, resolved_at)
       VALUES ($1, $2, $3, 'enc:test', $4, $5, $6)`,
      [
        id,
        opts.accordId,
        opts.severity,
        this.createdBy,
        opts.resolved ? this.createdBy : null,
        opts.resolved ? new Date() : null,
      ],
    );
    return { id };
  }
}

export const DAY = 86_400_000;
export const daysFrom = (base: Date, days: number): Date => new Date(base.getTime() + days * DAY);

/**
 * An accord recorded through the API by a mediator on the case's team (its
 * SMS code drawn by the application), with `terms` terms numbered 1, 2, 3…
 */
export async function accordThroughApi(
  http: TestAgent,
  asMediator: Record<string, string>,
  caseId: string,
  terms = 3,
): Promise<{ id: string; code: string }> {
  const party = await http
    .post(`/api/v1/cases/${caseId}/parties`)
    .set(asMediator)
    .send({ name: 'Village council', kind: 'community' })
    .expect(201);
  const accord = await http
    .post(`/api/v1/cases/${caseId}/accords`)
    .set(asMediator)
    .send({
      concludedAt: daysFrom(new Date(), -10).toISOString(),
      kind: 'non_aggression_pact',
      form: 'verbal',
    })
    .expect(201);
  for (let i = 0; i < terms; i++) {
    await http
      .post(`/api/v1/accords/${accord.body.id}/terms`)
      .set(asMediator)
      .send({
        text: `Term ${i + 1}`,
        category: 'livelihoods_access',
        obligorPartyId: party.body.id,
      })
      .expect(201);
  }
  return { id: accord.body.id as string, code: accord.body.smsCode as string };
}
