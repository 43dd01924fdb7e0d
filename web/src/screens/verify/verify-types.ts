/** GET /verify/mission-orders/:token (VerifyMissionOrderResponse in openapi.json). */
export type VerifyStatus = 'approved' | 'expired' | 'not_yet_valid' | 'revoked' | 'invalid';

export interface VerifyResult {
  valid: boolean;
  status: VerifyStatus;
  orderNumber?: string;
  holder?: { legalName: string; idDocumentNumber: string };
  authority?: { name: string };
  areas?: { name: string }[];
  validFrom?: string;
  validUntil?: string;
  /** Set when checked on the device (no connection), with the date of the keys used. */
  offlineKeysAt?: number;
}
