import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { RequirePermission } from '../../common/auth/decorators';
import { Permission } from '../../common/auth/permission';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { buildDisclosureReport } from './disclosure-report';
import { DisclosureReport } from './dto/disclosure-report.dto';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/v1/admin')
export class DisclosureReportController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

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
    return buildDisclosureReport(this.dataSource, this.config);
  }
}
