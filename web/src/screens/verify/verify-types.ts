import type { Schemas } from '../../api/types';

/** GET /verify/mission-orders/:token, as the API describes it. */
export type VerifyResult = Schemas['VerifyMissionOrderResponse'] & {
  /** Set when checked on the device (no connection), with the date of the keys used. */
  offlineKeysAt?: number;
  /** Checked offline, a credential without an id (signed before ids existed): revocation unknown. */
  revocationUnknown?: boolean;
};
