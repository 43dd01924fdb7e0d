import { CaseOverlapsRepository } from './case-overlaps.repository';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CaseAccess, AccessService } from '../../common/access/access.service';
import { fieldNames } from '../../common/audit/audit-input';
import { AuditService } from '../../common/audit/audit.service';
import { Principal } from '../../common/auth/principal';
import { AppError, invalidReference } from '../../common/http/app-error';
import { DEFAULT_PAGE_SIZE, decodeTimeIdCursor, Page, toPage } from '../../common/http/pagination';
import { Transactions } from '../../database/transactions';
import { decideTransition } from './case-status';
import {
  CaseRow,
  CasesRepository,
  SENSITIVE_CASE_FIELDS,
  SensitiveCaseField,
} from './cases.repository';
import { toCaseResponse } from './cases.mapper';
import { CreateCaseDto } from './dto/create-case.dto';
import {
  CaseHistory,
  CaseHistoryEntry,
  CaseResponse,
  CreatedCaseResponse,
} from './dto/case.response';
import { ListCasesQueryDto } from './dto/list-cases.query';
import { TransitionCaseDto } from './dto/transition-case.dto';
import { UpdateCaseDto } from './dto/update-case.dto';

/** How many transitions and audit events a history shows at most. */
export const HISTORY_LIMIT = 500;

@Injectable()
export class CasesService {
  constructor(
    private readonly cases: CasesRepository,
    private readonly overlaps: CaseOverlapsRepository,
    private readonly access: AccessService,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
  ) {}

  /** Opens a case in the caller's association; a mediator creator becomes its lead. */
  async create(principal: Principal, dto: CreateCaseDto): Promise<CreatedCaseResponse> {
    const associationId = principal.associationId;
    if (!associationId || (principal.role !== 'mediator' && principal.role !== 'coordinator')) {
      throw new AppError('forbidden');
    }
    const level = await this.cases.areaLevel(dto.areaId);
    if (level === null) {
      throw invalidReference('areaId', 'unknown area');
    }
    if (level !== 'commune') throw new AppError('area_not_commune');

    if (dto.id) {
      const existing = await this.cases.findById(dto.id);
      if (existing) return this.sameCase(principal, existing, dto);
    }
    const id = dto.id ?? randomUUID();
    const { row, overlaps } = await this.transactions.run(async (tx) => {
      await this.cases.insert(tx, {
        id,
        codeName: dto.codeName,
        areaId: dto.areaId,
        type: dto.type,
        summary: dto.summary ?? null,
        languages: dto.languages ?? [],
        locationDetail: dto.locationDetail ?? null,
        confidentialNotes: dto.confidentialNotes ?? null,
        associationId,
        createdBy: principal.userId,
      });
      if (principal.role === 'mediator') {
        await this.cases.addTeamMember(tx, id, principal.userId, true);
      }
      await this.audit.record(tx, {
        action: 'case.create',
        entityType: 'case',
        entityId: id,
        associationId,
        details: { fields: fieldNames(dto, ['id']) },
      });
      // Read back before the commit: once it is done, nothing more is asked of the
      // database, so a connection lost then cannot turn the created case into a
      // 503 that a retry with the same Idempotency-Key would create again.
      return {
        row: (await this.cases.findById(id, tx)) as CaseRow,
        overlaps: await this.overlaps.activeCasesOfOthers(dto.areaId, associationId, tx),
      };
    });
    // The creator wrote these values: a mediator (team) gets them back, a coordinator does not.
    const sensitive =
      principal.role === 'mediator'
        ? {
            locationDetail: dto.locationDetail ?? null,
            confidentialNotes: dto.confidentialNotes ?? null,
          }
        : undefined;
    return { ...toCaseResponse(row, sensitive), overlaps };
  }

  async list(principal: Principal, query: ListCasesQueryDto): Promise<Page<CaseResponse>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeTimeIdCursor(query.cursor);
    const rows = await this.cases.list({
      visible: this.access.visibleCases(principal, 'c', 1),
      status: query.status,
      areaId: query.areaId,
      q: query.q,
      after,
      limit,
    });
    // Lists never carry the sensitive fields: read one case to see them.
    return toPage(
      rows,
      limit,
      (r) => toCaseResponse(r),
      (r) => [r.createdAtKey, r.id],
    );
  }

  async get(principal: Principal, id: string): Promise<CaseResponse> {
    // The case and the caller's access to it in one round trip.
    const found = await this.cases.findWithAccess(id, principal.userId);
    const access = this.access.caseFrom(principal, id, found?.access);
    if (!found) throw new AppError('not_found');
    return this.present(access, await this.cases.ready(found.row));
  }

  /** Conditional update on the version the client read; sensitive fields: the team only. */
  async update(
    principal: Principal,
    id: string,
    version: number,
    dto: UpdateCaseDto,
  ): Promise<CaseResponse> {
    const access = await this.access.caseFor(principal, id);
    const touchesSensitive = SENSITIVE_CASE_FIELDS.some((f) => dto[f] !== undefined);
    if (touchesSensitive && !access.mayReadSensitive) throw new AppError('forbidden');
    const row = await this.transactions.run(async (tx) => {
      const updated = await this.cases.updateIfVersion(tx, id, version, { ...dto });
      const current = await this.cases.findById(id, tx);
      if (!current) throw new AppError('not_found');
      if (!updated)
        throw new AppError('stale_version', { extensions: { currentVersion: current.version } });
      await this.audit.record(tx, {
        action: 'case.update',
        entityType: 'case',
        entityId: id,
        associationId: current.associationId,
        details: { fields: fieldNames(dto) },
      });
      return current;
    });
    return this.present(access, row);
  }

  /** Moves the case through its state machine: transition row, status and audit in one transaction. */
  async transition(
    principal: Principal,
    id: string,
    dto: TransitionCaseDto,
  ): Promise<CaseResponse> {
    const access = await this.access.caseFor(principal, id);
    const current = await this.cases.findById(id);
    if (!current) throw new AppError('not_found');
    const decision = decideTransition({
      from: current.status,
      to: dto.to,
      statusBeforeSuspension: current.statusBeforeSuspension,
      actor: access.isCoordinator ? 'coordinator' : 'mediator',
    });
    if (!decision.ok) {
      throw new AppError(decision.error, {
        extensions:
          decision.error === 'invalid_transition' ? { currentStatus: current.status } : {},
      });
    }
    const row = await this.transactions.run(async (tx) => {
      const moved = await this.cases.updateStatusIf(
        tx,
        id,
        current.status,
        dto.to,
        decision.statusBeforeSuspension,
      );
      if (!moved) throw new AppError('conflict');
      await this.cases.insertTransition(tx, {
        id: randomUUID(),
        caseId: id,
        fromStatus: current.status,
        toStatus: dto.to,
        reason: dto.reason,
        actorUserId: principal.userId,
      });
      const after = (await this.cases.findById(id, tx)) as CaseRow;
      await this.audit.record(tx, {
        action: 'case.transition',
        entityType: 'case',
        entityId: id,
        associationId: current.associationId,
        details: { from: current.status, to: dto.to },
      });
      return after;
    });
    return this.present(access, row);
  }

  /** Transitions (with their reasons) and field changes from the audit trail, newest first. */
  async history(principal: Principal, id: string): Promise<CaseHistory> {
    const access = await this.access.caseFor(principal, id);
    const transitions = await this.cases.transitions(id, HISTORY_LIMIT);
    const changes = await this.cases.auditTrail(
      id,
      ['case.transition', 'case.read_sensitive'],
      HISTORY_LIMIT,
    );
    const items: CaseHistoryEntry[] = [
      ...transitions.map((t): CaseHistoryEntry => ({
        kind: 'transition',
        occurredAt: t.occurredAt.toISOString(),
        actorUserId: t.actorUserId,
        from: t.fromStatus,
        to: t.toStatus,
        reason: t.reason,
      })),
      ...changes.map((c): CaseHistoryEntry => ({
        kind: 'change',
        occurredAt: c.occurredAt.toISOString(),
        actorUserId: c.actorUserId,
        action: c.action,
        fields: c.fields ?? [],
      })),
    ].sort((a, b) => b.occurredAt.localeCompare(a.occurredAt));
    if (transitions.length > 0) {
      // The reasons are stored encrypted: reading them is an audited read.
      await this.audit.recordNow({
        action: 'case.read_sensitive',
        entityType: 'case',
        entityId: id,
        associationId: access.associationId,
        details: { fields: ['transitions.reason'], count: transitions.length },
      });
    }
    return { items };
  }

  /** The response for this caller; the team's read of sensitive values is audited. */
  private async present(access: CaseAccess, row: CaseRow): Promise<CaseResponse> {
    if (!access.mayReadSensitive) return toCaseResponse(row);
    const read = SENSITIVE_CASE_FIELDS.filter((f) => row[f] !== null);
    const value = (f: SensitiveCaseField) => this.cases.decrypt(row, f);
    const sensitive = {
      locationDetail: value('locationDetail'),
      confidentialNotes: value('confidentialNotes'),
    };
    if (read.length > 0) {
      await this.audit.recordNow({
        action: 'case.read_sensitive',
        entityType: 'case',
        entityId: row.id,
        associationId: row.associationId,
        details: { fields: [...read].sort() },
      });
    }
    return toCaseResponse(row, sensitive);
  }

  /** A repeated create with a known id is accepted only if it is the same case, seen by its creator. */
  private async sameCase(
    principal: Principal,
    existing: CaseRow,
    dto: CreateCaseDto,
  ): Promise<CreatedCaseResponse> {
    const same =
      existing.createdBy === principal.userId &&
      existing.associationId === principal.associationId &&
      existing.codeName === dto.codeName &&
      existing.areaId === dto.areaId &&
      existing.type === dto.type;
    if (!same) throw new AppError('duplicate');
    const access = await this.access.caseFor(principal, existing.id);
    return {
      ...(await this.present(access, existing)),
      overlaps: await this.overlaps.activeCasesOfOthers(existing.areaId, existing.associationId),
    };
  }
}
