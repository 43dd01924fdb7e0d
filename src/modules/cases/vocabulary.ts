/**
 * The words of the cases feature that others (and the web app) may use
 * without loading its module: statuses, types and the transition rule.
 */
export { ACTIVE_STATUSES, CASE_STATUSES, CASE_TYPES, decideTransition } from './case-status';
export type { CaseStatus, CaseType } from './case-status';
