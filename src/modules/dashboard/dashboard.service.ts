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
import { LEVEL_BY_RANK } from '../accords';
import { DashboardRepository } from './dashboard.repository';
import {
  AccordStatsResponse,
  DashboardAccordPage,
  StatsQueryDto,
  SuppressedCount,
} from './dto/dashboard.dto';

/** Counts below 3 are never given (small cells suppressed). */
export function suppress(count: number): SuppressedCount {
  return count < 3 ? '<3' : count;
}

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

  /** Admins and officials: every accord; coordinators: their association's. */
  async stats(principal: Principal, query: StatsQueryDto): Promise<AccordStatsResponse> {
    const groupBy = query.groupBy ?? 'cercle';
    const scope =
      principal.role === 'coordinator'
        ? principal.associationId
          ? { sql: 'c.association_id = $2', params: [principal.associationId] }
          : { sql: 'false', params: [] }
        : principal.role === 'admin' || principal.role === 'official'
          ? { sql: 'true', params: [] }
          : { sql: 'false', params: [] };
    const rows = await this.repository.countsByArea(scope, new Date(), groupBy);
    return {
      groupBy,
      items: rows.map((r) => ({
        areaId: r.areaId,
        areaName: r.areaName,
        counts: {
          broken: suppress(r.broken),
          at_risk: suppress(r.atRisk),
          watch: suppress(r.watch),
          stable: suppress(r.stable),
        },
      })),
    };
  }
}
