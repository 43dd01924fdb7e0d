import { Injectable } from '@nestjs/common';
import { AccessService } from '../../common/access/access.service';
import { Principal } from '../../common/auth/principal';
import {
  DEFAULT_PAGE_SIZE,
  decodeCursor,
  isTimeKey,
  isUuidKey,
  PageQueryDto,
  toPage,
} from '../../common/http/pagination';
import { LEVEL_BY_RANK } from '../accords/vocabulary';
import { accordStatsCsv } from './stats-csv';
import { DashboardRepository, StatsScope } from './dashboard.repository';
import { publishCercles, publishRegions } from './disclosure-control';
import { AccordStatsResponse, DashboardAccordPage, StatsQueryDto } from './dto/dashboard.dto';

/** The accords dashboard (worst first, scoped like cases) and aggregated health statistics. */
@Injectable()
export class DashboardService {
  constructor(
    private readonly repository: DashboardRepository,
    private readonly access: AccessService,
  ) {}

  async accords(principal: Principal, query: PageQueryDto): Promise<DashboardAccordPage> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor, 3);
    if (after && !(Number.isInteger(after[0]) && isTimeKey(after[1]) && isUuidKey(after[2])))
      decodeCursor('!', 3);
    const rows = await this.repository.page(
      this.access.visibleCases(principal, 'c', 2),
      new Date(),
      after as [number, string, string] | null,
      limit,
    );
    return toPage(
      rows,
      limit,
      (r) => ({
        accordId: r.accordId,
        caseId: r.caseId,
        caseCodeName: r.caseCodeName,
        areaName: r.areaName,
        health: { level: LEVEL_BY_RANK[r.levelRank], reasons: r.reasons },
        lastCheckedAt: r.lastCheckedAt ? new Date(r.lastCheckedAt).toISOString() : null,
        nextCheckDue: new Date(r.nextCheckDue).toISOString(),
        daysOverdue: Number(r.daysOverdue),
        implementationScore: r.implementationScore === null ? null : Number(r.implementationScore),
      }),
      (r) => [r.levelRank, r.nextCheckDueKey, r.accordId],
    );
  }

  /**
   * Counts per health level per cercle or region, under the disclosure rule
   * of disclosure-control.ts. Coordinators: their association's accords, in
   * the cercles where it has cases; admins: every accord in every cercle;
   * officials: the cercles their authority's
   * jurisdiction covers (whole cercles: the cercle or its region is in it),
   * or every cercle when an admin gave the authority statsScope "all".
   */
  async stats(principal: Principal, query: StatsQueryDto): Promise<AccordStatsResponse> {
    const groupBy = query.groupBy ?? 'cercle';
    const rows = await this.repository.countsByCercle(statsScope(principal), new Date());
    return { groupBy, items: groupBy === 'cercle' ? publishCercles(rows) : publishRegions(rows) };
  }

  /** The same figures as `stats`, as CSV with the HXL hashtag row (stats-csv.ts). */
  async statsCsv(principal: Principal, query: StatsQueryDto): Promise<string> {
    const rows = await this.repository.countsByCercle(statsScope(principal), new Date());
    return accordStatsCsv(query.groupBy ?? 'cercle', rows);
  }
}

function statsScope(principal: Principal): StatsScope {
  switch (principal.role) {
    case 'admin':
      return { cases: 'true', cercles: 'true', params: [] };
    case 'coordinator':
      // The cercles the association works in: its own cases, nothing it does not know.
      return principal.associationId
        ? {
            cases: 'c.association_id = $2',
            cercles: `EXISTS (SELECT 1 FROM dialogue_case own JOIN area co ON co.id = own.area_id
                               WHERE co.parent_id = ce.id AND own.association_id = $2)`,
            params: [principal.associationId],
          }
        : NOTHING;
    case 'official':
      return principal.authorityId
        ? {
            cases: 'true',
            cercles: `EXISTS (SELECT 1 FROM authority au WHERE au.id = $2 AND au.stats_scope = 'all')
                      OR EXISTS (SELECT 1 FROM authority_jurisdiction j
                                  WHERE j.authority_id = $2 AND j.area_id IN (ce.id, ce.parent_id))`,
            params: [principal.authorityId],
          }
        : NOTHING;
    case 'mediator':
      return NOTHING;
  }
}

const NOTHING: StatsScope = { cases: 'false', cercles: 'false', params: [] };
