import type { Schemas } from '../../api/types';

/** The bodies of the accord routes, as the API describes them (openapi.json). */
export type Accord = Schemas['AccordResponse'];
export type AccordDetail = Schemas['AccordDetailResponse'];
export type AccordHealth = Schemas['AccordHealthResponse'];
export type Term = Schemas['TermResponse'];
export type TermHistory = Schemas['TermHistoryResponse'];
export type Flag = Schemas['FlagResponse'];
export type FollowUp = Schemas['FollowUpResponse'];
export type Party = Schemas['PartyResponse'];
/** A term as the form sends it (POST /accords/:id/terms), with its client id. */
export type NewTerm = Schemas['CreateTermDto'] & { id: string };
