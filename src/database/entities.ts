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
import { DialogueCase } from '../modules/cases/dialogue-case.entity';
import { CaseTeamMember } from '../modules/cases/case-team-member.entity';
import { CaseTransition } from '../modules/cases/case-transition.entity';
import { CaseParty } from '../modules/case-members/case-party.entity';
import { CaseParticipant } from '../modules/case-members/case-participant.entity';
import { Notification } from '../modules/notifications/notification.entity';
import { MissionOrder } from '../modules/mission-orders/mission-order.entity';
import { MissionOrderHolder } from '../modules/mission-orders/mission-order-holder.entity';
import { MissionOrderArea } from '../modules/mission-orders/mission-order-area.entity';
import { Meeting } from '../modules/meetings/meeting.entity';
import { MeetingAttendee } from '../modules/meetings/meeting-attendee.entity';

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
  DialogueCase,
  CaseTeamMember,
  CaseTransition,
  CaseParty,
  CaseParticipant,
  Notification,
  MissionOrder,
  MissionOrderHolder,
  MissionOrderArea,
  Meeting,
  MeetingAttendee,
];
