import { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from '../../migrations';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/**
 * The one description of the database, shared by the app, the TypeORM CLI
 * and the tests. `synchronize` is fixed to false: the schema changes only
 * through migrations.
 */
export function dataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    logging: false,
    extra: {
      max: 10,
      connectionTimeoutMillis: 5000,
      // Keeps a dead database from hanging requests forever.
      statement_timeout: 15000,
      application_name: 'toguna',
    },
  };
}
