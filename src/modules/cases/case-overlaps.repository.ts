import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Tx } from '../../database/transactions';
import { ACTIVE_STATUSES, CaseStatus, CaseType } from './case-status';

/** Another association's active case in a commune, without content. */
export interface CaseOverlapRow {
  associationName: string;
  type: CaseType;
  status: CaseStatus;
  startedMonth: string;
}

/**
 * What other associations do in a commune: answered with a new case
 * (`overlaps`) and by the coordination registry.
 */
@Injectable()
export class CaseOverlapsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Active cases in the commune of associations other than `exceptAssociationId`. */
  activeCasesOfOthers(
    areaId: string,
    exceptAssociationId: string | null,
    tx?: Tx,
  ): Promise<CaseOverlapRow[]> {
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
}
