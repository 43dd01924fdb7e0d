/**
 * npm run report:disclosure [-- --json]
 * "What we could hand over": every table of the database (DATABASE_URL or
 * the embedded one), each column encrypted, keyed-hashed or in clear, row
 * counts, retention, and what the database alone, the database with the keys
 * folder, or a phone after panic gives away. Markdown, or JSON with --json.
 */
import { DataSource } from 'typeorm';
import { ALL_ENTITIES } from '../app.entities';
import { loadConfig } from '../config/app-config';
import { dataSourceOptions } from '../database/data-source';
import {
  DisclosureReportRepository,
  DisclosureReportService,
  disclosureMarkdown,
} from '../modules/disclosure-report';
import { commandDatabase, runCommand } from './database';

async function main(): Promise<number> {
  const config = loadConfig();
  const database = await commandDatabase(config);
  const dataSource = new DataSource(dataSourceOptions(database.url, ALL_ENTITIES));
  try {
    await dataSource.initialize();
    const reports = new DisclosureReportService(new DisclosureReportRepository(dataSource), config);
    const report = await reports.build();
    console.log(
      process.argv.includes('--json')
        ? JSON.stringify(report, null, 2)
        : disclosureMarkdown(report),
    );
    return 0;
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await database.close();
  }
}

runCommand(main);
