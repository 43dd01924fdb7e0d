/** What the accords feature offers the features above it; the rest of its files are its own. */
export { HEALTH_LEVELS } from './accord-health';
export type { HealthLevel } from './accord-health';
export { LEVEL_BY_RANK, healthCtes, healthPageSql } from './accord-health.sql';
