import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { healthCtes, healthPageSql } from '../accords';
import { CercleRow, LevelCounts } from './disclosure-control';

export interface AccordHealthRow {
  accordId: string;
  caseId: string;
  caseCodeName: string;
  areaName: string;
  levelRank: number;
  reasons: string[];
  lastCheckedAt: Date | null;
  nextCheckDue: Date;
  /** next_check_due with microseconds, for keyset cursors. */
  nextCheckDueKey: string;
  daysOverdue: number;
  implementationScore: string | null;
}

/**
 * Whose figures: the accords of `cases` (a condition on `c`, the accord's
 * `dialogue_case`) in the cercles of `cercles` (a condition on `ce`, a cercle).
 */
export interface StatsScope {
  cases: string;
  cercles: string;
  params: unknown[];
}

/** Accord health for many accords at once, in one SQL statement (accord-health.sql.ts). */
@Injectable()
export class DashboardRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The scoped accords worst first (level, then most overdue: earliest due),
   * after the keyset (level_rank, next_check_due, accord_id).
   */
  async page(
    scope: { sql: string; params: unknown[] },
    now: Date,
    after: [number, string, string] | null,
    limit: number,
  ): Promise<AccordHealthRow[]> {
    const params: unknown[] = [now.toISOString(), ...scope.params, ...(after ?? []), limit + 1];
    return this.dataSource.query(
      healthPageSql(scope.sql, scope.params.length, after !== null),
      params,
    );
  }

  /**
   * Accords per health level in every cercle of the scope, those with none
   * included (0), with the cercle's region. Parameters: $1 now, then the scope's.
   */
  async countsByCercle(scope: StatsScope, now: Date): Promise<CercleRow[]> {
    const rows: (Omit<CercleRow, 'counts'> & LevelCounts<number>)[] = await this.dataSource.query(
      `WITH cercles AS (
         SELECT ce.id, ce.name, ce.pcode, r.id AS region_id, r.name AS region_name,
                r.pcode AS region_pcode
           FROM area ce JOIN area r ON r.id = ce.parent_id
          WHERE ce.level = 'cercle' AND (${scope.cercles})
       ),
       ${healthCtes(
         `(${scope.cases}) AND EXISTS (SELECT 1 FROM area co JOIN cercles ce ON ce.id = co.parent_id
                                      WHERE co.id = c.area_id)`,
         '$1',
       )}
       SELECT ce.id AS "cercleId", ce.name AS "cercleName",
              ce.region_id AS "regionId", ce.region_name AS "regionName",
              ce.pcode AS "cerclePcode", ce.region_pcode AS "regionPcode",
              (count(h.accord_id) FILTER (WHERE h.level_rank = 0))::int AS broken,
              (count(h.accord_id) FILTER (WHERE h.level_rank = 1))::int AS at_risk,
              (count(h.accord_id) FILTER (WHERE h.level_rank = 2))::int AS watch,
              (count(h.accord_id) FILTER (WHERE h.level_rank = 3))::int AS stable
         FROM cercles ce
         LEFT JOIN area commune ON commune.parent_id = ce.id
         LEFT JOIN accord_health h ON h.area_id = commune.id
        GROUP BY ce.id, ce.name, ce.pcode, ce.region_id, ce.region_name, ce.region_pcode
        ORDER BY ce.name, ce.id`,
      [now.toISOString(), ...scope.params],
    );
    return rows.map(({ broken, at_risk, watch, stable, ...area }) => ({
      ...area,
      counts: { broken, at_risk, watch, stable },
    }));
  }
}
