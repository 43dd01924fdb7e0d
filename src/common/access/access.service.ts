import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Principal } from '../auth/principal';
import { AppError } from '../http/app-error';
import { CASE_ACCESS_SQL } from './access.sql';

/** What a caller may do with one case they can see. */
export interface CaseAccess {
  caseId: string;
  associationId: string;
  /** The caller is on the case team. */
  onTeam: boolean;
  isLead: boolean;
  /** Identities, confidential notes, location details: the case team only. */
  mayReadSensitive: boolean;
  /** Coordinators of the case's association. */
  isCoordinator: boolean;
}

/**
 * The one place that answers which cases a user may see and act on
 * (shared/design/access.md): coordinators see their association's cases,
 * mediators the cases whose team they are on; nobody else sees any, and
 * neither does a member still pending a coordinator's confirmation.
 * Everything under a case (parties, participants, team, meetings, accords…)
 * resolves to its case through `caseFor`. Not visible → 404, as if absent.
 */
/** What CASE_ACCESS_SQL reads of a case for a caller. */
export interface CaseAccessRow {
  association_id: string;
  on_team: boolean;
  is_lead: boolean;
}

@Injectable()
export class AccessService {
  constructor(private readonly dataSource: DataSource) {}

  /** The caller's access to a case, or 404 `not_found` when they may not see it (or it does not exist). */
  async caseFor(principal: Principal, caseId: string): Promise<CaseAccess> {
    const rows: CaseAccessRow[] = await this.dataSource.query(CASE_ACCESS_SQL, [
      caseId,
      principal.userId,
    ]);
    return this.caseFrom(principal, caseId, rows[0]);
  }

  /**
   * `caseFor` from a row read by the caller (CASE_ACCESS_SQL's columns,
   * joined into a query it makes anyway): 404 `not_found` likewise.
   */
  caseFrom(principal: Principal, caseId: string, row: CaseAccessRow | undefined): CaseAccess {
    if (!row || principal.pending) throw new AppError('not_found');
    const isCoordinator =
      principal.role === 'coordinator' && row.association_id === principal.associationId;
    const onTeam = principal.role === 'mediator' && row.on_team;
    if (!isCoordinator && !onTeam) throw new AppError('not_found');
    return {
      caseId,
      associationId: row.association_id,
      onTeam,
      isLead: onTeam && row.is_lead,
      mayReadSensitive: onTeam,
      isCoordinator,
    };
  }

  /**
   * A SQL condition on a `dialogue_case` alias selecting the cases the caller
   * may see, for list queries (parameters are numbered from `firstParam`).
   */
  visibleCases(
    principal: Principal,
    alias: string,
    firstParam: number,
  ): { sql: string; params: unknown[] } {
    if (principal.pending) return { sql: 'false', params: [] };
    if (principal.role === 'coordinator' && principal.associationId) {
      return { sql: `${alias}.association_id = $${firstParam}`, params: [principal.associationId] };
    }
    if (principal.role === 'mediator') {
      return {
        sql: `EXISTS (SELECT 1 FROM case_team_member m WHERE m.case_id = ${alias}.id AND m.user_id = $${firstParam})`,
        params: [principal.userId],
      };
    }
    return { sql: 'false', params: [] };
  }
}
