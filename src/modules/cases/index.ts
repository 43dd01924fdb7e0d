/** What the cases feature offers the features above it; the rest of its files are its own. */
export { CaseTeamMember } from './case-team-member.entity';
export { CaseOverlapsRepository } from './case-overlaps.repository';
export type { CaseOverlapRow } from './case-overlaps.repository';
export { CasesModule } from './cases.module';
export { CasesRepository } from './cases.repository';
export { CaseErasureHooks } from './case-erasure-hooks';
