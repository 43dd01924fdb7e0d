import { Module } from '@nestjs/common';
import { DisclosureReportController } from './disclosure-report.controller';

/** "What we could hand over": the disclosure report, for admins and `npm run report:disclosure`. */
@Module({ controllers: [DisclosureReportController] })
export class DisclosureReportModule {}
