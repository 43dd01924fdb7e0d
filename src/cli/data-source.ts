import { DataSource } from 'typeorm';
import { ALL_ENTITIES } from '../app.entities';
import { loadConfig } from '../config/app-config';
import { dataSourceOptions } from '../database/data-source';

// Loaded by the TypeORM CLI (npm run typeorm / migration:*). scripts/db.ts
// sets DATABASE_URL, starting the embedded server when none is configured.
const { databaseUrl } = loadConfig();
if (!databaseUrl) {
  throw new Error('DATABASE_URL is not set: run migrations through the npm scripts.');
}
export default new DataSource(dataSourceOptions(databaseUrl, ALL_ENTITIES));
