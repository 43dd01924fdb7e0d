import { Module } from '@nestjs/common';
import { DisclosureReportController } from './disclosure-report.controller';
import { DisclosureReportRepository } from './disclosure-report.repository';
import { DisclosureReportService } from './disclosure-report.service';

/** "What we could hand over": the disclosure report, for admins and `npm run report:disclosure`. */
@Module({
  controllers: [DisclosureReportController],
  providers: [DisclosureReportService, DisclosureReportRepository],
})
export class DisclosureReportModule {}
