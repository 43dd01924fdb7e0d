import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CaseAccess } from '../../common/access/access.service';
import { AuditService } from '../../common/audit/audit.service';
import { Principal } from '../../common/auth/principal';
import { AppError } from '../../common/http/app-error';
import { Tx } from '../../database/transactions';
import { CasesRepository } from '../cases';
import { CaseStatus, decideTransition } from '../cases/vocabulary';

/** The case transitions that accords and flags cause. */
@Injectable()
export class CaseMoves {
  constructor(
    private readonly cases: CasesRepository,
    private readonly audit: AuditService,
  ) {}

  /** Moves the case (moveCase) and records one `case.transition` event per move made. */
  async advance(
    tx: Tx,
    principal: Principal,
    access: CaseAccess,
    path: CaseStatus[],
    from: CaseStatus[],
    reason: string,
  ): Promise<void> {
    const moves = await this.moveCase(tx, principal, access, path, from, reason);
    await this.recordMoves(tx, access.caseId, access, moves);
  }

  /**
   * Moves the case along `path` (each step checked by the state machine) when
   * its status is one of `from`, starting at the step after its status; the
   * case row is locked first. A case elsewhere (suspended, collapsed, already
   * there…) is left alone. Returns the moves made, for the audit trail.
   */
  private async moveCase(
    tx: Tx,
    principal: Principal,
    access: CaseAccess,
    path: CaseStatus[],
    from: CaseStatus[],
    reason: string,
  ): Promise<{ from: CaseStatus; to: CaseStatus }[]> {
    const rows: { status: CaseStatus; statusBeforeSuspension: CaseStatus | null }[] =
      await tx.query(
        `SELECT status, status_before_suspension AS "statusBeforeSuspension"
         FROM dialogue_case WHERE id = $1 FOR UPDATE`,
        [access.caseId],
      );
    let status = rows[0]?.status;
    if (!status || !from.includes(status)) return [];
    const start = path.indexOf(status) + 1;
    const moves: { from: CaseStatus; to: CaseStatus }[] = [];
    for (const to of path.slice(start)) {
      const decision = decideTransition({
        from: status,
        to,
        statusBeforeSuspension: rows[0].statusBeforeSuspension,
        actor: access.isCoordinator ? 'coordinator' : 'mediator',
      });
      if (!decision.ok) break;
      const moved = await this.cases.updateStatusIf(
        tx,
        access.caseId,
        status,
        to,
        decision.statusBeforeSuspension,
      );
      if (!moved) throw new AppError('conflict');
      await this.cases.insertTransition(tx, {
        id: randomUUID(),
        caseId: access.caseId,
        fromStatus: status,
        toStatus: to,
        reason,
        actorUserId: principal.userId,
      });
      moves.push({ from: status, to });
      status = to;
    }
    return moves;
  }

  /** One `case.transition` event per move, as the cases service records them (end of the transaction). */
  private async recordMoves(
    tx: Tx,
    caseId: string,
    access: CaseAccess,
    moves: { from: CaseStatus; to: CaseStatus }[],
  ): Promise<void> {
    for (const move of moves) {
      await this.audit.record(tx, {
        action: 'case.transition',
        entityType: 'case',
        entityId: caseId,
        associationId: access.associationId,
        details: { from: move.from, to: move.to },
      });
    }
  }
}
