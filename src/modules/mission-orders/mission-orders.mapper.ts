import { MissionOrderResponse, MissionOrderCaseSummary } from './dto/mission-order.response';
import { readStatus } from './mission-order-status';
import { MissionOrderRow } from './mission-orders.repository';

/**
 * The order as a client sees it. `decisionReason` (decrypted) is given to
 * the association and the authority, `caseSummary` to officials only.
 */
export function toMissionOrderResponse(
  row: MissionOrderRow,
  extra: { decisionReason?: string | null; caseSummary?: MissionOrderCaseSummary } = {},
  now: Date = new Date(),
): MissionOrderResponse {
  return {
    id: row.id,
    orderNumber: row.orderNumber,
    status: readStatus(row.status, row.validUntil, now),
    associationId: row.associationId,
    authorityId: row.authorityId,
    authorityName: row.authorityName,
    caseId: row.caseId,
    ...(extra.caseSummary ? { case: extra.caseSummary } : {}),
    purpose: row.purpose,
    validFrom: row.validFrom.toISOString(),
    validUntil: row.validUntil.toISOString(),
    holderUserIds: row.holderUserIds,
    areas: row.areas.map((a) => ({ id: a.id, name: a.name, level: a.level })),
    requestedBy: row.requestedBy,
    decidedBy: row.decidedBy,
    decidedAt: row.decidedAt ? row.decidedAt.toISOString() : null,
    ...(extra.decisionReason !== undefined ? { decisionReason: extra.decisionReason } : {}),
    revokedAt: row.revokedAt ? row.revokedAt.toISOString() : null,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
