/**
 * The API's closed vocabularies and the case state machine, imported from the
 * API's own source so the app offers exactly what the API accepts. Only pure
 * modules (no framework, no database) may be listed here.
 */
export * from '../../../src/modules/accords/accord-vocabulary';
export {
  CASE_STATUSES,
  CASE_TYPES,
  decideTransition,
  type CaseStatus,
  type CaseType,
} from '../../../src/modules/cases/case-status';
export { PARTY_KINDS, type PartyKind } from '../../../src/modules/case-members/party-kinds';
export {
  MEETING_OUTCOMES,
  MEETING_STATUSES,
  MAX_DURATION_MINUTES,
  MIN_DURATION_MINUTES,
  type MeetingOutcome,
  type MeetingStatus,
} from '../../../src/modules/meetings/meeting-status';
export {
  MAX_VALIDITY_DAYS,
  MISSION_ORDER_STATUSES,
  type MissionOrderReadStatus,
  type MissionOrderStatus,
} from '../../../src/modules/mission-orders/mission-order-status';
export { ROLES, type Role } from '../../../src/common/auth/role';
export { HEALTH_LEVELS, type HealthReason } from '../../../src/modules/accords/accord-health';
export {
  FIRST_ADMIN_DISPLAY_NAME,
  FIRST_ADMIN_USERNAME,
} from '../../../src/modules/users/first-admin-identity';
export { PASSWORD_RULE } from '../../../src/common/auth/password-rule';
