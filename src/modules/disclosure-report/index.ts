/** What the disclosure-report feature offers: its module, and the report for the command line. */
export { DisclosureReportModule } from './disclosure-report.module';
export { DisclosureReportRepository } from './disclosure-report.repository';
export { DisclosureReportService } from './disclosure-report.service';
export { disclosureMarkdown } from './disclosure-report.markdown';
