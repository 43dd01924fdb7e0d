import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The coverage query, on its own so meetings can depend on it without the rest. */
@Injectable()
export class MissionOrderCoverageRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Of `userIds`, those who hold an approved, unrevoked order valid over the
   * whole of [from, until] whose areas include the commune or one of its
   * ancestors (cercle, region). One query.
   */
  async coveredUserIds(
    userIds: string[],
    communeId: string,
    from: Date,
    until: Date,
  ): Promise<string[]> {
    if (userIds.length === 0) return [];
    const rows: { user_id: string }[] = await this.dataSource.query(
      `WITH RECURSIVE chain AS (
              SELECT a.id, a.parent_id FROM area a WHERE a.id = $2
              UNION ALL
              SELECT p.id, p.parent_id FROM area p JOIN chain c ON p.id = c.parent_id
         )
       SELECT DISTINCT h.user_id
         FROM mission_order_holder h
         JOIN mission_order o ON o.id = h.mission_order_id
        WHERE h.user_id = ANY($1::uuid[])
          AND o.status = 'approved'
          AND o.revoked_at IS NULL
          AND o.valid_from <= $3
          AND o.valid_until >= $4
          AND EXISTS (
                SELECT 1 FROM mission_order_area oa
                 WHERE oa.mission_order_id = o.id
                   AND oa.area_id IN (SELECT id FROM chain)
              )`,
      [userIds, communeId, from, until],
    );
    return rows.map((r) => r.user_id);
  }
}
