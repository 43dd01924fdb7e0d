import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AccessService } from '../../common/access/access.service';
import { fieldNames } from '../../common/audit/audit-input';
import { AuditService } from '../../common/audit/audit.service';
import { Principal } from '../../common/auth/principal';
import { AppError, invalidReference } from '../../common/http/app-error';
import { DEFAULT_PAGE_SIZE, decodeTimeIdCursor, Page, toPage } from '../../common/http/pagination';
import { Transactions } from '../../database/transactions';
import { NotificationsRepository } from '../notifications';
import { StepUpService } from '../sessions';
import { CreateMissionOrderDto } from './dto/create-mission-order.dto';
import { DecisionReasonDto } from './dto/decide-mission-order.dto';
import { ListMissionOrdersQueryDto } from './dto/list-mission-orders.query';
import { MissionOrderResponse } from './dto/mission-order.response';
import { canTransition, MAX_VALIDITY_DAYS, MissionOrderStatus } from './mission-order-status';
import { toMissionOrderResponse } from './mission-orders.mapper';
import { MissionOrderRow, MissionOrdersRepository } from './mission-orders.repository';

const DAY_MS = 86_400_000;

@Injectable()
export class MissionOrdersService {
  constructor(
    private readonly orders: MissionOrdersRepository,
    private readonly notifications: NotificationsRepository,
    private readonly stepUp: StepUpService,
    private readonly access: AccessService,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
  ) {}

  /** A coordinator for own association's mediators, a mediator for themself. */
  async request(principal: Principal, dto: CreateMissionOrderDto): Promise<MissionOrderResponse> {
    const associationId = principal.associationId;
    if (!associationId || (principal.role !== 'coordinator' && principal.role !== 'mediator')) {
      throw new AppError('forbidden');
    }
    const validFrom = new Date(dto.validFrom);
    const validUntil = new Date(dto.validUntil);
    if (
      !(validUntil.getTime() > validFrom.getTime()) ||
      validUntil.getTime() - validFrom.getTime() > MAX_VALIDITY_DAYS * DAY_MS
    ) {
      throw new AppError('invalid_validity_window', {
        errors: [{ field: 'validUntil', message: 'after validFrom, at most 90 days later' }],
      });
    }
    await this.checkHolders(principal, associationId, dto.holderUserIds);
    if (dto.caseId) {
      try {
        await this.access.caseFor(principal, dto.caseId);
      } catch {
        throw invalidReference('caseId', 'unknown case');
      }
    }
    if (!(await this.orders.authorityExists(dto.authorityId))) {
      throw invalidReference('authorityId', 'unknown authority');
    }
    const areas = await this.orders.areasInJurisdiction(dto.authorityId, dto.areaIds);
    if (areas.length !== dto.areaIds.length) {
      throw invalidReference('areaIds', 'unknown area');
    }
    if (areas.some((a) => !a.inJurisdiction)) {
      throw new AppError('area_outside_jurisdiction', {
        errors: [{ field: 'areaIds', message: "outside the authority's jurisdiction" }],
      });
    }
    const id = randomUUID();
    const row = await this.transactions.run(async (tx) => {
      await this.orders.insert(tx, {
        id,
        associationId,
        authorityId: dto.authorityId,
        caseId: dto.caseId ?? null,
        purpose: dto.purpose,
        validFrom,
        validUntil,
        requestedBy: principal.userId,
        holderUserIds: dto.holderUserIds,
        areaIds: dto.areaIds,
      });
      await this.audit.record(tx, {
        action: 'mission_order.request',
        entityType: 'mission_order',
        entityId: id,
        associationId,
        details: { fields: fieldNames(dto), ids: [...dto.holderUserIds] },
      });
      // Read back before the commit (see CasesService.create).
      return (await this.orders.findById(id, tx)) as MissionOrderRow;
    });
    return this.present(principal, row);
  }

  private async checkHolders(
    principal: Principal,
    associationId: string,
    holderUserIds: string[],
  ): Promise<void> {
    const invalid = (): AppError =>
      new AppError('invalid_mission_order_holder', {
        errors: [{ field: 'holderUserIds', message: 'not a possible holder' }],
      });
    if (principal.role === 'mediator') {
      if (holderUserIds.length !== 1 || holderUserIds[0] !== principal.userId) throw invalid();
      return;
    }
    const candidates = await this.orders.holderCandidates(holderUserIds);
    const ok =
      candidates.length === holderUserIds.length &&
      candidates.every(
        (c) =>
          c.role === 'mediator' && c.associationId === associationId && !c.disabled && !c.pending,
      );
    if (!ok) throw invalid();
  }

  async list(
    principal: Principal,
    query: ListMissionOrdersQueryDto,
  ): Promise<Page<MissionOrderResponse>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeTimeIdCursor(query.cursor);
    const rows = await this.orders.list({ principal, status: query.status, after, limit });
    return toPage(
      rows,
      limit,
      (r) => toMissionOrderResponse(r),
      (r) => [r.createdAtKey, r.id],
    );
  }

  async get(principal: Principal, id: string): Promise<MissionOrderResponse> {
    return this.present(principal, await this.visible(principal, id));
  }

  /** The order if the caller may see it; otherwise 404, as if absent. */
  async visible(principal: Principal, id: string): Promise<MissionOrderRow> {
    const row = await this.orders.findById(id);
    if (!row || !this.maySee(principal, row)) throw new AppError('not_found');
    return row;
  }

  private maySee(principal: Principal, row: MissionOrderRow): boolean {
    switch (principal.role) {
      case 'coordinator':
        return principal.associationId === row.associationId;
      case 'mediator':
        return row.holderUserIds.includes(principal.userId);
      case 'official':
        return principal.authorityId === row.authorityId;
      case 'admin':
        return false;
    }
  }

  private async present(principal: Principal, row: MissionOrderRow): Promise<MissionOrderResponse> {
    const decisionReason = this.orders.decryptReason(row);
    if (principal.role === 'official' && row.caseId) {
      const summary = await this.orders.caseSummary(row.caseId);
      return toMissionOrderResponse(row, {
        decisionReason,
        ...(summary
          ? {
              caseSummary: {
                codeName: summary.codeName,
                commune: summary.communeName,
                type: summary.type,
              },
            }
          : {}),
      });
    }
    return toMissionOrderResponse(row, { decisionReason });
  }

  /** Officials of the order's authority only; anyone else: 404. Step-up within 10 minutes. */
  async approve(principal: Principal, id: string): Promise<MissionOrderResponse> {
    const row = await this.decidable(principal, id);
    await this.stepUp.assertSteppedUp(principal);
    this.assertTransition(row.status, 'approved');
    const holders = await this.orders.holdersOf(row.id);
    // A disabled holder's credential has ended: the order cannot give them a new one.
    const disabled = holders.filter((h) => h.ended).map((h) => h.userId);
    if (disabled.length > 0) {
      throw new AppError('holder_disabled', { extensions: { holderUserIds: disabled } });
    }
    const lacking = holders.filter((h) => !h.hasLegalIdentity).map((h) => h.userId);
    if (lacking.length > 0) {
      throw new AppError('holder_identity_missing', { extensions: { holderUserIds: lacking } });
    }
    return this.decide(principal, row, 'approved', null);
  }

  async reject(
    principal: Principal,
    id: string,
    dto: DecisionReasonDto,
  ): Promise<MissionOrderResponse> {
    const row = await this.decidable(principal, id);
    this.assertTransition(row.status, 'rejected');
    return this.decide(principal, row, 'rejected', dto.reason);
  }

  async revoke(
    principal: Principal,
    id: string,
    dto: DecisionReasonDto,
  ): Promise<MissionOrderResponse> {
    const row = await this.decidable(principal, id);
    this.assertTransition(row.status, 'revoked');
    return this.decide(principal, row, 'revoked', dto.reason);
  }

  private async decidable(principal: Principal, id: string): Promise<MissionOrderRow> {
    const row = await this.orders.findById(id);
    if (
      !row ||
      principal.role !== 'official' ||
      !principal.authorityId ||
      principal.authorityId !== row.authorityId
    ) {
      throw new AppError('not_found');
    }
    return row;
  }

  private assertTransition(from: MissionOrderStatus, to: MissionOrderStatus): void {
    if (!canTransition(from, to)) {
      throw new AppError('invalid_transition', {
        extensions: { currentStatus: from },
        detail: {
          en: `A mission order cannot go from ${from} to ${to}.`,
          fr: `Un ordre de mission ne peut pas passer de ${from} à ${to}.`,
        },
      });
    }
  }

  /** Status, notifications to holders and coordinators, audit: one transaction. */
  private async decide(
    principal: Principal,
    row: MissionOrderRow,
    to: MissionOrderStatus,
    reason: string | null,
  ): Promise<MissionOrderResponse> {
    const after = await this.transactions.run(async (tx) => {
      const moved = await this.orders.decide(tx, row.id, row.status, to, principal.userId, reason);
      if (!moved) throw new AppError('conflict');
      const coordinators = await this.orders.coordinatorIds(row.associationId, tx);
      const recipients = [...new Set([...row.holderUserIds, ...coordinators])];
      await this.notifications.insertMany(
        tx,
        recipients.map((userId) => ({
          userId,
          kind: 'mission_order_decided' as const,
          subjectType: 'mission_order',
          subjectId: row.id,
        })),
      );
      const current = (await this.orders.findById(row.id, tx)) as MissionOrderRow;
      await this.audit.record(tx, {
        action: `mission_order.${to === 'approved' ? 'approve' : to === 'rejected' ? 'reject' : 'revoke'}`,
        entityType: 'mission_order',
        entityId: row.id,
        associationId: row.associationId,
        details: { from: row.status, to, ...(reason !== null ? { fields: ['reason'] } : {}) },
      });
      return current;
    });
    return this.present(principal, after);
  }
}
