/** Shapes of the mission-order routes: the API's own (openapi.json components.schemas). */
import type { Schemas } from '../../api/types';
import { MISSION_ORDER_STATUSES, type MissionOrderReadStatus } from '../../api/vocabulary';

/** What a client reads: the stored statuses, and `expired` (derived, also a list filter). */
export type MissionOrderStatus = MissionOrderReadStatus;
export const READ_STATUSES: readonly MissionOrderReadStatus[] = [
  ...MISSION_ORDER_STATUSES,
  'expired',
];

export type MissionOrderResponse = Schemas['MissionOrderResponse'];
export type Credential = Schemas['MissionOrderCredential'];
export type Authority = Schemas['AuthorityResponse'];
export type Area = Schemas['AreaResponse'];
export type UserSummary = Schemas['UserResponse'];
