import { Injectable } from '@nestjs/common';
import { CaseAccess, AccessService } from '../../common/access/access.service';
import { fieldNames } from '../../common/audit/audit-input';
import { AuditService } from '../../common/audit/audit.service';
import { Principal } from '../../common/auth/principal';
import { AppError } from '../../common/http/app-error';
import { Transactions } from '../../database/transactions';
import { NotificationsRepository } from '../notifications';
import { toTeamMemberResponse } from './case-members.mapper';
import { AddTeamMemberDto, TeamMemberResponse, TeamResponse } from './dto/team.dto';
import { TeamRepository } from './team.repository';

/** The mediators assigned to a case; one of them is the lead. */
@Injectable()
export class TeamService {
  constructor(
    private readonly access: AccessService,
    private readonly team: TeamRepository,
    private readonly notifications: NotificationsRepository,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
  ) {}

  async list(principal: Principal, caseId: string): Promise<TeamResponse> {
    await this.access.caseFor(principal, caseId);
    return { items: (await this.team.list(caseId)).map(toTeamMemberResponse) };
  }

  /**
   * Adds a mediator of the case's association (or makes a member the lead).
   * The first member, or one added with `lead: true`, becomes the lead; the
   * previous lead is unset first in the same transaction.
   */
  async add(
    principal: Principal,
    caseId: string,
    dto: AddTeamMemberDto,
  ): Promise<TeamMemberResponse> {
    const access = await this.managing(principal, caseId);
    return this.transactions.run(async (tx) => {
      await this.team.lockCase(tx, caseId);
      const user = await this.team.findEnabledMediator(tx, dto.userId, access.associationId);
      if (!user) {
        throw new AppError('invalid_team_member', {
          errors: [
            { field: 'userId', message: 'not a mediator of this association', code: 'isIn' },
          ],
        });
      }
      const existing = await this.team.findMember(tx, caseId, dto.userId);
      if (existing && (dto.lead !== true || existing.lead)) throw new AppError('duplicate');
      const makeLead = dto.lead === true || !(await this.team.hasLead(tx, caseId));
      if (makeLead) await this.team.unsetLead(tx, caseId);
      if (existing) {
        await this.team.setLead(tx, caseId, dto.userId);
      } else {
        await this.team.insert(tx, caseId, dto.userId, makeLead);
        await this.notifications.insertMany(tx, [
          { userId: dto.userId, kind: 'case_assigned', subjectType: 'case', subjectId: caseId },
        ]);
      }
      const member = (await this.team.list(caseId, tx)).find((m) => m.userId === dto.userId)!;
      await this.audit.record(tx, {
        action: 'case.team_add',
        entityType: 'case',
        entityId: caseId,
        associationId: access.associationId,
        details: {
          ids: [dto.userId],
          fields: fieldNames(dto),
          to: member.lead ? 'lead' : 'member',
        },
      });
      return toTeamMemberResponse(member);
    });
  }

  /** Removes a member; the lead only when alone (otherwise make another member the lead first). */
  async remove(principal: Principal, caseId: string, userId: string): Promise<void> {
    const access = await this.managing(principal, caseId);
    await this.transactions.run(async (tx) => {
      await this.team.lockCase(tx, caseId);
      const member = await this.team.findMember(tx, caseId, userId);
      if (!member) throw new AppError('not_found');
      if (member.lead && (await this.team.count(tx, caseId)) > 1) {
        throw new AppError('team_lead_required');
      }
      await this.team.remove(tx, caseId, userId);
      await this.audit.record(tx, {
        action: 'case.team_remove',
        entityType: 'case',
        entityId: caseId,
        associationId: access.associationId,
        details: { ids: [userId] },
      });
    });
  }

  /** Coordinators of the case's association manage its team. */
  private async managing(principal: Principal, caseId: string): Promise<CaseAccess> {
    const access = await this.access.caseFor(principal, caseId);
    if (!access.isCoordinator) throw new AppError('forbidden');
    return access;
  }
}
