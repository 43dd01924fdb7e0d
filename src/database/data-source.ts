import { DataSourceOptions, EntitySchema } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { SnakeNamingStrategy } from './snake-naming.strategy';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for entity classes
export type Entities = (Function | EntitySchema)[];

/**
 * The one description of the database, shared by the app, the TypeORM CLI
 * and the tests. `synchronize` is fixed to false: the schema changes only
 * through migrations. The application registers its entities module by
 * module (autoLoadEntities); tools that open the database alone pass them
 * (app.entities.ts).
 */
export function dataSourceOptions(url: string, entities: Entities = []): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
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
