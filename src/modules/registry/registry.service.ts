import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AccessService } from '../../common/access/access.service';
import { AuditService } from '../../common/audit/audit.service';
import { Principal } from '../../common/auth/principal';
import { AppError } from '../../common/http/app-error';
import { Transactions } from '../../database/transactions';
import { CaseOverlapsRepository } from '../cases';
import { NotificationsRepository } from '../notifications';
import {
  CoordinationRequestResponse,
  CreateCoordinationRequestDto,
  RegistryResponse,
} from './dto/registry.dto';
import { RegistryRepository } from './registry.repository';

@Injectable()
export class RegistryService {
  constructor(
    private readonly registry: RegistryRepository,
    private readonly overlaps: CaseOverlapsRepository,
    private readonly access: AccessService,
    private readonly notifications: NotificationsRepository,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
  ) {}

  /** Other associations' active cases in the commune: association name, type, status, month started. */
  async list(principal: Principal, areaId: string): Promise<RegistryResponse> {
    const rows = await this.overlaps.activeCasesOfOthers(areaId, principal.associationId);
    return {
      items: rows.map((r) => ({
        associationName: r.associationName,
        type: r.type,
        status: r.status,
        startedMonth: r.startedMonth,
      })),
    };
  }

  /**
   * Notifies every coordinator of each other association with an active case
   * in the commune. The notification names the requesting association, never
   * a case; the sender learns only how many associations were reached.
   */
  async request(
    principal: Principal,
    dto: CreateCoordinationRequestDto,
  ): Promise<CoordinationRequestResponse> {
    const access = await this.access.caseFor(principal, dto.caseId);
    if (!access.isCoordinator) throw new AppError('forbidden');
    if ((await this.registry.caseAreaId(dto.caseId)) !== dto.areaId) {
      throw new AppError('validation_failed', {
        errors: [{ field: 'areaId', message: 'not the commune of the case', code: 'equals' }],
      });
    }
    const id = randomUUID();
    const notified = await this.transactions.run(async (tx) => {
      const associations = await this.registry.otherAssociationIds(
        tx,
        dto.areaId,
        access.associationId,
      );
      const coordinators = await this.registry.coordinatorsOfOthers(
        tx,
        dto.areaId,
        access.associationId,
      );
      await this.notifications.insertMany(
        tx,
        coordinators.map((c) => ({
          userId: c.userId,
          kind: 'coordination_request' as const,
          subjectType: 'association',
          subjectId: access.associationId,
          message: dto.message,
        })),
      );
      await this.audit.record(tx, {
        action: 'registry.coordination_request',
        entityType: 'coordination_request',
        entityId: id,
        associationId: access.associationId,
        details: { ids: [dto.caseId, dto.areaId], count: associations.length, fields: ['message'] },
      });
      return associations.length;
    });
    return { id, notifiedAssociations: notified };
  }
}
