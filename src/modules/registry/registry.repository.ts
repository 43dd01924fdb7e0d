import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Tx } from '../../database/transactions';
import { ACTIVE_STATUSES } from '../cases/vocabulary';

/** Who to tell of a coordination request: the other associations active in a commune. */
@Injectable()
export class RegistryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Enabled coordinators of the other associations that have an active case in the commune. */
  async coordinatorsOfOthers(
    tx: Tx,
    areaId: string,
    exceptAssociationId: string,
  ): Promise<{ userId: string; associationId: string }[]> {
    return tx.query(
      `SELECT u.id AS "userId", u.association_id AS "associationId"
         FROM app_user u
        WHERE u.role = 'coordinator' AND NOT u.disabled
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
