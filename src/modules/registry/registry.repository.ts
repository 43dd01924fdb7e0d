import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Tx } from '../../database/transactions';
import { ACTIVE_STATUSES, CaseStatus, CaseType } from '../cases/case-status';

export interface RegistryRow {
  associationName: string;
  type: CaseType;
  status: CaseStatus;
  startedMonth: string;
}

/** The coordination registry: what other associations do in a commune, without content. */
@Injectable()
export class RegistryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Active cases in the commune of associations other than `exceptAssociationId`. */
  activeCasesOfOthers(
    areaId: string,
    exceptAssociationId: string | null,
    tx?: Tx,
  ): Promise<RegistryRow[]> {
    return (tx ?? this.dataSource.manager).query(
      `SELECT a.name AS "associationName", c.type, c.status,
              to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM') AS "startedMonth"
         FROM dialogue_case c
         JOIN association a ON a.id = c.association_id
        WHERE c.area_id = $1 AND c.status = ANY($2)
          AND c.association_id IS DISTINCT FROM $3
        ORDER BY a.name, c.created_at, c.id`,
      [areaId, ACTIVE_STATUSES, exceptAssociationId],
    );
  }

  /** Enabled, confirmed coordinators of the other associations with an active case in the commune. */
  async coordinatorsOfOthers(
    tx: Tx,
    areaId: string,
    exceptAssociationId: string,
  ): Promise<{ userId: string; associationId: string }[]> {
    return tx.query(
      `SELECT u.id AS "userId", u.association_id AS "associationId"
         FROM app_user u
        WHERE u.role = 'coordinator' AND NOT u.disabled AND NOT u.pending
          AND u.association_id <> $3
          AND u.association_id IN (
                SELECT c.association_id FROM dialogue_case c
                 WHERE c.area_id = $1 AND c.status = ANY($2))
        ORDER BY u.id`,
      [areaId, ACTIVE_STATUSES, exceptAssociationId],
    );
  }

  /** Associations (other than the caller's) with an active case in the commune. */
  async otherAssociationIds(
    tx: Tx,
    areaId: string,
    exceptAssociationId: string,
  ): Promise<string[]> {
    const rows: { id: string }[] = await tx.query(
      `SELECT DISTINCT c.association_id AS id FROM dialogue_case c
        WHERE c.area_id = $1 AND c.status = ANY($2) AND c.association_id <> $3`,
      [areaId, ACTIVE_STATUSES, exceptAssociationId],
    );
    return rows.map((r) => r.id);
  }

  async caseAreaId(caseId: string): Promise<string | null> {
    const rows: { area_id: string }[] = await this.dataSource.query(
      'SELECT area_id FROM dialogue_case WHERE id = $1',
      [caseId],
    );
    return rows[0]?.area_id ?? null;
  }
}
