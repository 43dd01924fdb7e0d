import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import type { JSONWebKeySet } from 'jose';
import { AccessService } from '../../common/access/access.service';
import { fieldNames } from '../../common/audit/audit-input';
import { AuditService } from '../../common/audit/audit.service';
import { Principal } from '../../common/auth/principal';
import { AppError } from '../../common/http/app-error';
import { DEFAULT_PAGE_SIZE, decodeTimeIdCursor, Page, toPage } from '../../common/http/pagination';
import { Transactions } from '../../database/transactions';
import { NotificationsRepository } from '../notifications/notifications.repository';
import { StepUpService } from '../sessions/step-up.service';
import { UsersRepository } from '../users/users.repository';
import { CREDENTIAL_PURPOSE } from './credential';
import { CreateMissionOrderDto } from './dto/create-mission-order.dto';
import { DecisionReasonDto } from './dto/decide-mission-order.dto';
import { ListMissionOrdersQueryDto } from './dto/list-mission-orders.query';
import {
  MissionOrderCredential,
  MissionOrderResponse,
  RevocationsResponse,
  VerifyMissionOrderResponse,
} from './dto/mission-order.response';
import { renderMissionOrderPdf } from './mission-order-document';
import { MissionOrderSigningService } from './mission-order-signing.service';
import {
  canTransition,
  MAX_VALIDITY_DAYS,
  MissionOrderStatus,
  readStatus,
} from './mission-order-status';
import { toMissionOrderResponse } from './mission-orders.mapper';
import { MissionOrderRow, MissionOrdersRepository } from './mission-orders.repository';

const DAY_MS = 86_400_000;

/** Where a printed credential says it can be checked online. */
export const VERIFY_PATH = '/api/v1/verify/mission-orders/';

@Injectable()
export class MissionOrdersService {
  constructor(
    private readonly orders: MissionOrdersRepository,
    private readonly users: UsersRepository,
    private readonly notifications: NotificationsRepository,
    private readonly signing: MissionOrderSigningService,
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
        throw new AppError('invalid_reference', {
          errors: [{ field: 'caseId', message: 'unknown case', code: 'invalid_reference' }],
        });
      }
    }
    if (!(await this.orders.authorityExists(dto.authorityId))) {
      throw new AppError('invalid_reference', {
        errors: [{ field: 'authorityId', message: 'unknown authority', code: 'invalid_reference' }],
      });
    }
    const areas = await this.orders.areasInJurisdiction(dto.authorityId, dto.areaIds);
    if (areas.length !== dto.areaIds.length) {
      throw new AppError('invalid_reference', {
        errors: [{ field: 'areaIds', message: 'unknown area', code: 'invalid_reference' }],
      });
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
        (c) => c.role === 'mediator' && c.associationId === associationId && !c.disabled,
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
  private async visible(principal: Principal, id: string): Promise<MissionOrderRow> {
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
    const candidates = await this.orders.holderCandidates(row.holderUserIds);
    const lacking = candidates.filter((c) => !c.hasLegalIdentity).map((c) => c.id);
    if (lacking.length > 0 || candidates.length !== row.holderUserIds.length) {
      throw new AppError('holder_identity_missing', {
        extensions: { holderUserIds: lacking.sort() },
      });
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

  /**
   * One signed credential per holder (a mediator gets only their own).
   * Reading the legal identity leaves a `user.read_sensitive` event each.
   */
  async credentials(principal: Principal, id: string): Promise<MissionOrderCredential[]> {
    const row = await this.visible(principal, id);
    if (readStatus(row.status, row.validUntil) !== 'approved') {
      throw new AppError('mission_order_not_approved', {
        extensions: { currentStatus: readStatus(row.status, row.validUntil) },
      });
    }
    const holders =
      principal.role === 'mediator'
        ? row.holderUserIds.filter((h) => h === principal.userId)
        : row.holderUserIds;
    const result: MissionOrderCredential[] = [];
    for (const holderUserId of holders) {
      result.push({ holderUserId, token: await this.credentialFor(row, holderUserId) });
    }
    return result;
  }

  async document(principal: Principal, id: string, holderUserId: string): Promise<Buffer> {
    const row = await this.visible(principal, id);
    if (
      !row.holderUserIds.includes(holderUserId) ||
      (principal.role === 'mediator' && holderUserId !== principal.userId)
    ) {
      throw new AppError('not_found');
    }
    if (readStatus(row.status, row.validUntil) !== 'approved') {
      throw new AppError('mission_order_not_approved', {
        extensions: { currentStatus: readStatus(row.status, row.validUntil) },
      });
    }
    const token = await this.credentialFor(row, holderUserId);
    const identity = await this.readIdentity(row, holderUserId, false);
    return renderMissionOrderPdf({
      orderNumber: row.orderNumber,
      authorityName: row.authorityName,
      holder: identity,
      areaNames: row.areas.map((a) => a.name),
      validFrom: row.validFrom,
      validUntil: row.validUntil,
      token,
      verifyUrl: VERIFY_PATH,
    });
  }

  private async readIdentity(
    row: MissionOrderRow,
    holderUserId: string,
    record = true,
  ): Promise<{ legalName: string; idDocumentNumber: string }> {
    const identity = await this.users.readLegalIdentity(holderUserId);
    if (!identity) {
      throw new AppError('holder_identity_missing', {
        extensions: { holderUserIds: [holderUserId] },
      });
    }
    if (record) {
      await this.transactions.run((tx) =>
        this.audit.record(tx, {
          action: 'user.read_sensitive',
          entityType: 'user',
          entityId: holderUserId,
          associationId: row.associationId,
          details: { fields: ['legalName', 'idDocumentNumber'], ids: [row.id] },
        }),
      );
    }
    return identity;
  }

  private async credentialFor(row: MissionOrderRow, holderUserId: string): Promise<string> {
    const holder = await this.readIdentity(row, holderUserId);
    return this.signing.sign({
      orderNumber: row.orderNumber,
      holder,
      authority: { name: row.authorityName },
      areas: row.areas.map((a) => ({ name: a.name })),
      purpose: CREDENTIAL_PURPOSE,
      validFrom: row.validFrom.toISOString(),
      validUntil: row.validUntil.toISOString(),
      issuedAt: new Date().toISOString(),
    });
  }

  /** Public: signature against a published key, window, revocation. Garbage → invalid. */
  async verify(token: string): Promise<VerifyMissionOrderResponse> {
    const invalid: VerifyMissionOrderResponse = { valid: false, status: 'invalid' };
    const checked = await this.signing.verify(token);
    if (!checked.claims || checked.status === 'invalid') return invalid;
    const row = await this.orders.findByOrderNumber(checked.claims.orderNumber);
    if (!row || (row.status !== 'approved' && row.status !== 'revoked')) return invalid;
    const status = row.status === 'revoked' ? 'revoked' : checked.status;
    const c = checked.claims;
    return {
      valid: status === 'approved',
      status,
      orderNumber: c.orderNumber,
      holder: { legalName: c.holder.legalName, idDocumentNumber: c.holder.idDocumentNumber },
      authority: { name: c.authority.name },
      areas: c.areas.map((a) => ({ name: a.name })),
      validFrom: c.validFrom,
      validUntil: c.validUntil,
    };
  }

  publicKeys(): JSONWebKeySet {
    return this.signing.publicKeys();
  }

  async revocations(): Promise<RevocationsResponse> {
    const { orderNumbers, updatedAt } = await this.orders.revoked();
    return {
      revoked: orderNumbers.map((n) => createHash('sha256').update(n, 'utf8').digest('hex')),
      updatedAt: (updatedAt ?? new Date(0)).toISOString(),
    };
  }
}
