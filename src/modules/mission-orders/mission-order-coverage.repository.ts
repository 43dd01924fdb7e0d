import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Does each of these users hold an order covering this commune over this window? */
export interface CoverageQuestion {
  userIds: string[];
  communeId: string;
  from: Date;
  until: Date;
}

/** The coverage query, on its own so meetings can depend on it without the rest. */
@Injectable()
export class MissionOrderCoverageRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * For each question (by index), the users who hold an approved, unrevoked
   * order (their own credential not ended) valid over the whole of [from, until] whose areas include the
   * commune or one of its ancestors (cercle, region). One query for all the
   * questions (a page of meetings asks one each).
   */
  async coveredUserIds(questions: CoverageQuestion[]): Promise<Set<string>[]> {
    const covered = questions.map(() => new Set<string>());
    const asked = questions.flatMap((q, index) =>
      [...new Set(q.userIds)].map((userId) => ({ index, userId, q })),
    );
    if (asked.length === 0) return covered;
    const rows: { k: number; user_id: string }[] = await this.dataSource.query(
      `WITH RECURSIVE asked AS (
              SELECT * FROM unnest($1::int[], $2::uuid[], $3::uuid[], $4::timestamptz[], $5::timestamptz[])
                         AS r(k, user_id, commune_id, from_at, until_at)
         ),
         chain AS (
              SELECT DISTINCT a.id AS root, a.id, a.parent_id
                FROM area a WHERE a.id IN (SELECT commune_id FROM asked)
              UNION ALL
              SELECT c.root, p.id, p.parent_id FROM area p JOIN chain c ON p.id = c.parent_id
         )
       SELECT DISTINCT r.k, r.user_id
         FROM asked r
         JOIN mission_order_holder h ON h.user_id = r.user_id
         JOIN mission_order o ON o.id = h.mission_order_id
        WHERE o.status = 'approved'
          AND o.revoked_at IS NULL
          AND h.credential_revoked_at IS NULL
          AND o.valid_from <= r.from_at
          AND o.valid_until >= r.until_at
          AND EXISTS (
                SELECT 1 FROM mission_order_area oa
                  JOIN chain ch ON ch.id = oa.area_id AND ch.root = r.commune_id
                 WHERE oa.mission_order_id = o.id
              )`,
      [
        asked.map((a) => a.index),
        asked.map((a) => a.userId),
        asked.map((a) => a.q.communeId),
        // Dates, not ISO strings: past year 9999 toISOString() writes "+010000-…", which
        // PostgreSQL refuses (meetings may be that far from before dates were bounded).
        asked.map((a) => a.q.from),
        asked.map((a) => a.q.until),
      ],
    );
    for (const row of rows) covered[row.k].add(row.user_id);
    return covered;
  }
}
