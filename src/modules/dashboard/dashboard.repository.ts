import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { healthCtes, healthPageSql } from '../accords';

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

export interface AreaHealthCounts {
  areaId: string;
  areaName: string;
  broken: number;
  atRisk: number;
  watch: number;
  stable: number;
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

  /** Accords per health level in each region or cercle (the case's commune rolled up). */
  countsByArea(
    scope: { sql: string; params: unknown[] },
    now: Date,
    groupBy: 'region' | 'cercle',
  ): Promise<AreaHealthCounts[]> {
    const group =
      groupBy === 'cercle'
        ? 'JOIN area g ON g.id = commune.parent_id'
        : 'JOIN area cercle ON cercle.id = commune.parent_id JOIN area g ON g.id = cercle.parent_id';
    return this.dataSource.query(
      `WITH ${healthCtes(scope.sql, '$1')}
       SELECT g.id AS "areaId", g.name AS "areaName",
              (count(*) FILTER (WHERE h.level_rank = 0))::int AS broken,
              (count(*) FILTER (WHERE h.level_rank = 1))::int AS "atRisk",
              (count(*) FILTER (WHERE h.level_rank = 2))::int AS watch,
              (count(*) FILTER (WHERE h.level_rank = 3))::int AS stable
         FROM accord_health h
         JOIN area commune ON commune.id = h.area_id
         ${group}
        GROUP BY g.id, g.name
        ORDER BY g.name, g.id`,
      [now.toISOString(), ...scope.params],
    );
  }
}
