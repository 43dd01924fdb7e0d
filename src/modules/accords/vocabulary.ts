/**
 * The words of the accords feature that others (and the web app) may use
 * without loading its module: health levels and their order.
 */
export { HEALTH_LEVELS } from './accord-health';
export type { HealthLevel } from './accord-health';
export { LEVEL_BY_RANK } from './accord-health.sql';
export type { AssessmentStatus, FlagSeverity, OverallJudgement } from './accord-vocabulary';
export { canonicalSmsCode } from './sms-code';
