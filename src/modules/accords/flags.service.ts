import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AccessService } from '../../common/access/access.service';
import { AuditService } from '../../common/audit/audit.service';
import { Principal } from '../../common/auth/principal';
import { AppError } from '../../common/http/app-error';
import { Transactions, Tx } from '../../database/transactions';
import { NotificationsRepository } from '../notifications';
import { AccordScopes } from './accord-scopes';
import { toFlagResponse } from './accords.mapper';
import { CaseMoves } from './case-moves';
import { FlagResponse } from './dto/accord.response';
import { RaiseFlagDto, ResolveFlagDto } from './dto/flag.dto';
import { FlagRow, FlagsRepository } from './flags.repository';

/** Reason written (encrypted) on the case transitions a high-severity flag causes. */
const HIGH_FLAG_REASON = 'High-severity flag raised on an accord';

/** Flags on accords: raised by the team or a coordinator, resolved by a coordinator. */
@Injectable()
export class FlagsService {
  constructor(
    private readonly flags: FlagsRepository,
    private readonly scopes: AccordScopes,
    private readonly caseMoves: CaseMoves,
    private readonly access: AccessService,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsRepository,
  ) {}

  // ---- flags ----
  /** Raises a flag (team or coordinator); `high` moves the case to breaking_down. */
  async raiseFlag(
    principal: Principal,
    accordId: string,
    dto: RaiseFlagDto,
  ): Promise<FlagResponse> {
    return this.transactions.run((tx) => this.raiseFlagIn(tx, principal, accordId, dto));
  }

  /**
   * Raises a flag in the caller's transaction (an SMS `ALERTE` with the
   * inbound message that carried it), under the same rules as in the app
   * (404 for an accord the caller may not act on). The audit event is its
   * last write.
   */
  async raiseFlagIn(
    tx: Tx,
    principal: Principal,
    accordId: string,
    dto: RaiseFlagDto,
  ): Promise<FlagResponse> {
    const { access, caseId } = await this.scopes.ofAccord(principal, accordId);
    const id = randomUUID();
    await this.flags.insertFlag(tx, {
      id,
      accordId,
      severity: dto.severity,
      reason: dto.reason,
      raisedBy: principal.userId,
    });
    // accord_reached has not entered monitoring yet: it gets there on the way.
    if (dto.severity === 'high') {
      await this.caseMoves.advance(
        tx,
        principal,
        access,
        ['monitoring', 'breaking_down'],
        ['accord_reached', 'monitoring'],
        HIGH_FLAG_REASON,
      );
    }
    // "A flag raised on an accord of yours": the case's team and coordinators, not the raiser.
    const recipients = (await this.notifications.caseStakeholders(tx, caseId)).filter(
      (userId) => userId !== principal.userId,
    );
    await this.notifications.insertMany(
      tx,
      recipients.map((userId) => ({
        userId,
        kind: 'flag_raised',
        subjectType: 'accord',
        subjectId: accordId,
      })),
    );
    // Read back before the commit (see CasesService.create).
    const row = (await this.flags.findFlag(id, tx)) as FlagRow;
    await this.audit.record(tx, {
      action: 'accord_flag.raise',
      entityType: 'accord_flag',
      entityId: id,
      associationId: access.associationId,
      details: { ids: [accordId, caseId], to: dto.severity },
    });
    return toFlagResponse(row, dto.reason, null);
  }

  /** Resolves an open flag (a coordinator of the case's association), with a note. */
  async resolveFlag(principal: Principal, id: string, dto: ResolveFlagDto): Promise<FlagResponse> {
    const owner = await this.flags.caseIdOfFlag(id);
    if (!owner) throw new AppError('not_found');
    const access = await this.access.caseFor(principal, owner.caseId);
    if (!access.isCoordinator) throw new AppError('forbidden');
    const row = await this.transactions.run(async (tx) => {
      const resolved = await this.flags.resolveFlagIfOpen(tx, id, principal.userId, dto.note);
      if (!resolved) throw new AppError('conflict');
      const after = (await this.flags.findFlag(id, tx)) as FlagRow;
      await this.audit.record(tx, {
        action: 'accord_flag.resolve',
        entityType: 'accord_flag',
        entityId: id,
        associationId: access.associationId,
        details: { ids: [owner.accordId, owner.caseId], fields: ['note'] },
      });
      return after;
    });
    await this.audit.recordNow({
      action: 'accord_flag.read_sensitive',
      entityType: 'accord_flag',
      entityId: id,
      associationId: access.associationId,
      details: { ids: [owner.caseId], fields: ['reason'] },
    });
    return toFlagResponse(
      row,
      this.flags.open('accord_flag', 'reason', id, row.reason) as string,
      dto.note,
    );
  }
}
