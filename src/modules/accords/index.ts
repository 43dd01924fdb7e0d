/** What the accords feature offers the features above it; the rest of its files are its own. */
export { healthCtes, healthPageSql } from './accord-health.sql';
