import { AuditEvent } from '../common/audit/audit-event.entity';
import { RateLimitHit } from '../common/rate-limit/rate-limit-hit.entity';
import { IdempotencyRecord } from '../common/http/idempotency/idempotency-record.entity';
import { Area } from '../modules/areas/area.entity';
import { LoginThrottle } from '../modules/auth/login-throttle.entity';
import { RefreshToken } from '../modules/sessions/refresh-token.entity';
import { Session } from '../modules/sessions/session.entity';
import { Association } from '../modules/organisations/association.entity';
import { Authority } from '../modules/organisations/authority.entity';
import { User } from '../modules/users/user.entity';

/** Every entity, listed (not globbed) so the CLI, the app and Jest load the same classes. */
export const ENTITIES = [
  Area,
  Association,
  Authority,
  User,
  Session,
  RefreshToken,
  LoginThrottle,
  RateLimitHit,
  IdempotencyRecord,
  AuditEvent,
];
