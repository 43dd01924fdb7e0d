import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
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

  /** Accords per health level per region or cercle; counts below 3 as "<3". */
  @Get('stats/accords')
  @ApiOperation({ summary: 'Count accords by health and area (small counts suppressed)' })
  @RequirePermission(Permission.StatsRead)
  @ApiOkResponse({ type: AccordStatsResponse })
  stats(
    @CurrentPrincipal() principal: Principal,
    @Query() query: StatsQueryDto,
  ): Promise<AccordStatsResponse> {
    return this.dashboard.stats(principal, query);
  }
}
