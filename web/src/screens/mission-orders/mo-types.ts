/** Shapes of the mission-order routes, as in openapi.json (components.schemas). */
export const MISSION_ORDER_STATUSES = [
  'requested',
  'approved',
  'rejected',
  'revoked',
  'expired',
] as const;
export type MissionOrderStatus = (typeof MISSION_ORDER_STATUSES)[number];

export interface MissionOrderResponse {
  id: string;
  orderNumber: string;
  status: MissionOrderStatus;
  associationId: string;
  authorityId: string;
  authorityName: string;
  caseId: string | null;
  /** Officials only. */
  case?: { codeName: string; commune: string; type: string };
  purpose: string;
  validFrom: string;
  validUntil: string;
  holderUserIds: string[];
  areas: { id: string; name: string; level: string }[];
  requestedBy: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionReason?: string | null;
  revokedAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface Credential {
  holderUserId: string;
  token: string;
}

export interface Authority {
  id: string;
  name: string;
  jurisdictionAreaIds: string[];
}

export interface Area {
  id: string;
  name: string;
  level: 'region' | 'cercle' | 'commune';
  parentId: string | null;
}

export interface UserSummary {
  id: string;
  displayName: string;
  role: string;
  disabled: boolean;
  hasLegalIdentity: boolean;
}
