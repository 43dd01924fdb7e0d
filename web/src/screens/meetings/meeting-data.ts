import type { Schemas } from '../../api/types';
import { useApi } from '../../ui/use-api';

/** A case's team (kept on the device): who may attend, and names for ids. */
export const useCaseTeam = (caseId: string | null) =>
  useApi<Schemas['TeamResponse']>(caseId && `/cases/${caseId}/team`, { keep: true });

/** A case's parties (kept on the device), at most 100. */
export const useCaseParties = (caseId: string | null) =>
  useApi<Schemas['PartyPage']>(caseId && `/cases/${caseId}/parties?limit=100`, { keep: true });

/** The cases the user sees (kept on the device), at most 100: choices and code names. */
export const useCaseList = (enabled = true) =>
  useApi<Schemas['CasePage']>(enabled ? '/cases?limit=100' : null, { keep: true });
