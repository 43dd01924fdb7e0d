/**
 * npm run audit:verify [-- --no-seal]
 * Seals the audit events written but not sealed yet (waiting for an API
 * instance's batch if one is running), then verifies the whole chain and
 * prints the result. Exit code 0 when every sealed event is present and
 * unaltered, 1 otherwise. With --no-seal, verifies only (read-only).
 */
import { ALL_ENTITIES } from '../app.entities';
import { DataSource } from 'typeorm';
import { AuditSequencer } from '../common/audit/audit-sequencer';
import { AuditRepository } from '../common/audit/audit.repository';
import { AuditService } from '../common/audit/audit.service';
import { loadConfig } from '../config/app-config';
import { dataSourceOptions } from '../database/data-source';
import { commandDatabase, runCommand } from './database';

async function main(): Promise<number> {
  const config = loadConfig();
  const database = await commandDatabase(config);
  const dataSource = new DataSource(dataSourceOptions(database.url, ALL_ENTITIES));
  await dataSource.initialize();
  try {
    const events = new AuditRepository(dataSource);
    if (!process.argv.includes('--no-seal')) {
      const { sealed } = await new AuditSequencer(events, dataSource, config).sealOnce();
      console.log(`audit:verify: ${sealed} events sealed now`);
    }
    const result = await new AuditService(events, dataSource).verify();
    console.log(
      result.ok
        ? `audit:verify: ok, ${result.checked} sealed events verified, ${result.unsealed} not sealed yet`
        : `audit:verify: BROKEN at seq ${result.firstBrokenSeq} (${result.checked} verified before it), ${result.unsealed} not sealed yet`,
    );
    return result.ok ? 0 : 1;
  } finally {
    await dataSource.destroy();
    await database.close();
  }
}

runCommand(main);
