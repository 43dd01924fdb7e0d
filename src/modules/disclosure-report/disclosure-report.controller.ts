import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../../common/auth/decorators';
import { Permission } from '../../common/auth/permission';
import { DisclosureReportService } from './disclosure-report.service';
import { DisclosureReport } from './dto/disclosure-report.dto';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/v1/admin')
export class DisclosureReportController {
  constructor(private readonly reports: DisclosureReportService) {}

  /**
   * What the server holds and what someone who seizes it (or a phone) could
   * read: every table, each column encrypted, keyed-hashed or in clear, row
   * counts, retention, and three answers. Generated from the entity
   * declarations and the database catalogue at each call.
   */
  @Get('disclosure-report')
  @ApiOperation({ summary: 'Report what the server could hand over (admin)' })
  @RequirePermission(Permission.DisclosureReportRead)
  @ApiOkResponse({ type: DisclosureReport })
  report(): Promise<DisclosureReport> {
    return this.reports.build();
  }
}
