import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, RequirePermission } from '../../common/auth/decorators';
import { Permission } from '../../common/auth/permission';
import { Principal } from '../../common/auth/principal';
import { PageQueryDto } from '../../common/http/pagination';
import { DashboardService } from './dashboard.service';
import { AccordStatsResponse, DashboardAccordPage, StatsQueryDto } from './dto/dashboard.dto';

@ApiTags('dashboard')
@ApiBearerAuth()
@Controller('api/v1')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  /** The accords the caller may see, worst health first, then most overdue. */
  @Get('dashboard/accords')
  @ApiOperation({ summary: 'List accords worst first, with their health' })
  @RequirePermission(Permission.DashboardRead)
  @ApiOkResponse({ type: DashboardAccordPage })
  accords(
    @CurrentPrincipal() principal: Principal,
    @Query() query: PageQueryDto,
  ): Promise<DashboardAccordPage> {
    return this.dashboard.accords(principal, query);
  }

  /**
   * Accords per health level in every cercle or region of the caller's scope;
   * counts below 3 as "<3", region figures only where the cercles determine them.
   */
  @Get('stats/accords')
  @ApiOperation({ summary: 'Count accords by health and area (small counts suppressed)' })
  @RequirePermission(Permission.StatsRead)
  @ApiExtraModels(AccordStatsResponse)
  @ApiOkResponse({
    description:
      'JSON, or with format=csv (or Accept: text/csv) CSV whose second line is the HXL hashtag row',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(AccordStatsResponse) } },
      'text/csv': {
        schema: {
          type: 'string',
          example:
            'Region,Region P-code,Cercle,Cercle P-code,Accords: Broken,Accords: At risk,Accords: Watch,Accords: Stable\r\n' +
            '#adm1+name,#adm1+code,#adm2+name,#adm2+code,#indicator+accords+broken,#indicator+accords+at_risk,#indicator+accords+watch,#indicator+accords+stable\r\n' +
            'Mopti,ML05,Koro,ML0504,<3,<3,4,<3\r\n',
        },
      },
    },
  })
  async stats(
    @CurrentPrincipal() principal: Principal,
    @Query() query: StatsQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AccordStatsResponse | string> {
    const csv = query.format === 'csv' || (!query.format && /\btext\/csv\b/i.test(accept ?? ''));
    // The same URL answers JSON or CSV: caches must key on Accept.
    void reply.header('vary', 'Accept');
    if (!csv) return this.dashboard.stats(principal, query);
    const body = await this.dashboard.statsCsv(principal, query);
    const day = new Date().toISOString().slice(0, 10);
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header(
        'content-disposition',
        `attachment; filename="toguna-accords-${query.groupBy ?? 'cercle'}-${day}.csv"`,
      );
    return body;
  }
}
