import { CaseResponse } from './dto/case.response';
import { CaseRow } from './cases.repository';

/**
 * The case as a client sees it. `sensitive` holds the decrypted
 * locationDetail / confidentialNotes for the case team; without it they are
 * left out of the response altogether.
 */
export function toCaseResponse(
  row: CaseRow,
  sensitive?: { locationDetail: string | null; confidentialNotes: string | null },
): CaseResponse {
  return {
    id: row.id,
    codeName: row.codeName,
    areaId: row.areaId,
    type: row.type,
    status: row.status,
    statusBeforeSuspension: row.statusBeforeSuspension,
    summary: row.summary,
    languages: row.languages,
    ...(sensitive
      ? { locationDetail: sensitive.locationDetail, confidentialNotes: sensitive.confidentialNotes }
      : {}),
    associationId: row.associationId,
    createdBy: row.createdBy,
    leadUserId: row.leadUserId,
    teamUserIds: row.teamUserIds,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    erasedAt: row.erasedAt?.toISOString() ?? null,
  };
}
