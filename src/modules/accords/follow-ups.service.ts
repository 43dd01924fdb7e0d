import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AccessService } from '../../common/access/access.service';
import { fieldNames } from '../../common/audit/audit-input';
import { AuditService } from '../../common/audit/audit.service';
import { Principal } from '../../common/auth/principal';
import { AppError, invalidReference } from '../../common/http/app-error';
import { DEFAULT_PAGE_SIZE, decodeTimeIdCursor, Page, pageOf } from '../../common/http/pagination';
import { Transactions, Tx } from '../../database/transactions';
import { implementationScore } from './accord-health';
import { AccordScopes } from './accord-scopes';
import { toFollowUpResponse } from './accords.mapper';
import { AssessmentResponse, FollowUpResponse } from './dto/accord.response';
import { CreateFollowUpDto } from './dto/create-follow-up.dto';
import { ListAccordsQueryDto } from './dto/list-accords.query';
import { FollowUpRow, FollowUpsRepository } from './follow-ups.repository';

const DAY_MS = 86_400_000;

/** Follow-up checks of an accord: record one (with assessments and incidents), list them. */
@Injectable()
export class FollowUpsService {
  constructor(
    private readonly followUps: FollowUpsRepository,
    private readonly scopes: AccordScopes,
    private readonly access: AccessService,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
  ) {}

  // ---- follow-ups ----
  async addFollowUp(
    principal: Principal,
    accordId: string,
    dto: CreateFollowUpDto,
  ): Promise<FollowUpResponse> {
    return this.transactions.run((tx) => this.recordFollowUp(tx, principal, accordId, dto));
  }

  /**
   * Records a check in the caller's transaction (an SMS `SUIVI` with the
   * inbound message that carried it), under the same rules as in the app:
   * the caller must be able to act on the accord's case (404 otherwise),
   * the terms must be the accord's. The audit event is written with the check.
   */
  async recordFollowUp(
    tx: Tx,
    principal: Principal,
    accordId: string,
    dto: CreateFollowUpDto,
  ): Promise<FollowUpResponse> {
    const termIds = dto.assessments.map((a) => a.termId);
    // The checks below and the accord's row lock, in one round trip.
    const accord = await this.followUps.lockForCheck(
      tx,
      accordId,
      principal.userId,
      termIds,
      dto.id ?? null,
    );
    if (!accord) throw new AppError('not_found');
    const caseId = accord.caseId;
    const access = this.access.caseFrom(principal, caseId, accord);
    if (new Set(termIds).size !== termIds.length) {
      throw new AppError('validation_failed', {
        errors: [{ field: 'assessments', message: 'a term is assessed twice', code: 'unique' }],
      });
    }
    if (accord.foreignTermIds.length > 0) {
      throw invalidReference('assessments', 'not a term of this accord');
    }
    if (accord.idTaken) throw new AppError('duplicate');
    const id = dto.id ?? randomUUID();
    const checkedAt = new Date(dto.checkedAt);
    const nextCheckDue = dto.nextCheckDue
      ? new Date(dto.nextCheckDue)
      : new Date(checkedAt.getTime() + accord.followUpIntervalDays * DAY_MS);
    const score = implementationScore(dto.assessments.map((a) => a.status));
    const assessments = dto.assessments.map((a) => ({
      id: randomUUID(),
      termId: a.termId,
      status: a.status,
      note: a.note ?? null,
    }));
    const incidents = (dto.incidents ?? []).map((i) => ({
      id: randomUUID(),
      type: i.type,
      occurredAt: new Date(i.occurredAt),
      fatalities: i.fatalities ?? 0,
      perpetratorKind: i.perpetratorKind ?? null,
      verification: i.verification,
    }));
    const indicators = Object.fromEntries(
      Object.entries(dto.indicators ?? {}).filter(([, v]) => v !== undefined),
    );
    const row: Omit<FollowUpRow, 'createdAt' | 'checkedAtKey'> = {
      id,
      accordId,
      checkedAt,
      method: dto.method,
      indicators,
      overall: dto.overall,
      nextCheckDue,
      implementationScore: score === null ? null : score.toFixed(2),
      note: dto.note ?? null,
      createdBy: principal.userId,
    };
    // The check, its assessments and incidents and its audit event: one statement.
    const createdAt = await this.followUps.insertFollowUp(
      tx,
      caseId,
      row,
      assessments,
      incidents,
      (firstParam) =>
        this.audit.recordInStatement(
          tx,
          {
            action: 'follow_up.create',
            entityType: 'follow_up',
            entityId: id,
            associationId: access.associationId,
            details: {
              ids: [accordId, caseId],
              fields: fieldNames(dto, ['id']),
              count: termIds.length,
            },
          },
          'audit',
          firstParam,
        ),
    );
    // After the insert, under the lock: the summary sees this check and every committed one.
    await this.followUps.refreshCheckSummary(tx, accordId);
    // Answered from what was written; the author wrote the notes: they come back unaudited.
    return toFollowUpResponse(
      { ...row, createdAt },
      row.note,
      assessments.map((a) => ({ termId: a.termId, status: a.status, note: a.note })),
      incidents
        .map((i) => ({ ...i, followUpId: id }))
        .sort(
          (a, b) =>
            a.occurredAt.getTime() - b.occurredAt.getTime() ||
            (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
        ),
    );
  }

  /** The checks of an accord, latest first, each with its implementationScore. */
  async listFollowUps(
    principal: Principal,
    accordId: string,
    query: ListAccordsQueryDto,
  ): Promise<Page<FollowUpResponse>> {
    const { access, caseId } = await this.scopes.ofAccord(principal, accordId);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeTimeIdCursor(query.cursor);
    const rows = await this.followUps.listFollowUps(accordId, after, limit + 1);
    const { rows: slice, nextCursor } = pageOf(rows, limit, (r) => [r.checkedAtKey, r.id]);
    const ids = slice.map((r) => r.id);
    const [assessments, incidents] = await Promise.all([
      this.followUps.assessmentsOf(ids),
      this.followUps.incidentsOf(ids),
    ]);
    const notes = assessments.filter((a) => a.note !== null).length;
    const checkNotes = slice.filter((r) => r.note !== null).length;
    if (notes + checkNotes > 0) {
      await this.audit.recordNow({
        action: 'follow_up.read_sensitive',
        entityType: 'accord',
        entityId: accordId,
        associationId: access.associationId,
        details: {
          ids: [caseId],
          fields: [...(checkNotes > 0 ? ['note'] : []), ...(notes > 0 ? ['assessments.note'] : [])],
          count: notes + checkNotes,
        },
      });
    }
    const items = slice.map((row) =>
      toFollowUpResponse(
        row,
        this.followUps.open('follow_up', 'note', row.id, row.note),
        assessments
          .filter((a) => a.followUpId === row.id)
          .map((a): AssessmentResponse => ({
            termId: a.termId,
            status: a.status,
            note: this.followUps.open('follow_up_assessment', 'note', a.id, a.note),
          })),
        incidents.filter((i) => i.followUpId === row.id),
      ),
    );
    return { items, nextCursor };
  }
}
