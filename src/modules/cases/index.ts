/** What the cases feature offers the features above it; the rest of its files are its own. */
export { ACTIVE_STATUSES, CASE_STATUSES, CASE_TYPES, decideTransition } from './case-status';
export type { CaseStatus, CaseType } from './case-status';
export { CaseTeamMember } from './case-team-member.entity';
export { CaseOverlapsRepository } from './case-overlaps.repository';
export type { CaseOverlapRow } from './case-overlaps.repository';
export { CasesModule } from './cases.module';
export { CasesRepository } from './cases.repository';
