/** What the disclosure-report feature offers: its module, and the report for the command line. */
export { DisclosureReportModule } from './disclosure-report.module';
export { buildDisclosureReport } from './disclosure-report';
export { disclosureMarkdown } from './disclosure-report.markdown';
