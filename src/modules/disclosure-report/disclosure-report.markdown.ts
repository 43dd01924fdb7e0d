import { DisclosureReport } from './dto/disclosure-report.dto';

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The report as Markdown, for `npm run report:disclosure`. */
export function disclosureMarkdown(report: DisclosureReport): string {
  const out: string[] = [
    '# What we could hand over',
    '',
    `Generated ${report.generatedAt} from the entity declarations and the database catalogue.`,
    '',
  ];
  const section = (title: string, items: string[]) =>
    out.push(`## ${title}`, '', ...items.map((i) => `- ${i}`), '');
  section('With the database alone', report.answers.databaseAlone);
  section('With the database and the keys folder', report.answers.databaseAndKeys);
  section('With a seized phone, after panic', report.answers.seizedPhoneAfterPanic);
  section(
    'The keys folder',
    report.keys.map((k) => `\`${k.file}\`${k.present ? '' : ' (absent)'}: ${k.purpose}`),
  );
  section('Retention set by configuration', report.installation);
  out.push('## Tables', '');
  for (const t of report.tables) {
    out.push(`### ${t.table} (${t.rows} rows)`, '', `Retention: ${t.retention}`, '');
    out.push('| column | type | at rest | how |', '|---|---|---|---|');
    for (const c of t.columns)
      out.push(`| ${c.column} | ${c.type} | ${c.protection} | ${cell(c.how ?? '')} |`);
    out.push('');
  }
  return out.join('\n');
}
