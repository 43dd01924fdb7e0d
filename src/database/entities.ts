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
import { NotificationOutbox } from '../modules/notifications/notification-outbox.entity';
import { FollowUpReminder } from '../modules/notifications/follow-up-reminder.entity';
import { MissionOrder } from '../modules/mission-orders/mission-order.entity';
import { MissionOrderHolder } from '../modules/mission-orders/mission-order-holder.entity';
import { MissionOrderArea } from '../modules/mission-orders/mission-order-area.entity';
import { MissionOrderNumberCounter } from '../modules/mission-orders/mission-order-number-counter.entity';
import { Meeting } from '../modules/meetings/meeting.entity';
import { MeetingAttendee } from '../modules/meetings/meeting-attendee.entity';
import { Accord } from '../modules/accords/accord.entity';
import { AccordTerm } from '../modules/accords/accord-term.entity';
import { AccordTermRevision } from '../modules/accords/accord-term-revision.entity';
import { AccordCheckSummary } from '../modules/accords/accord-check-summary.entity';
import { FollowUp } from '../modules/accords/follow-up.entity';
import { FollowUpAssessment } from '../modules/accords/follow-up-assessment.entity';
import { Incident } from '../modules/accords/incident.entity';
import { AccordFlag } from '../modules/accords/accord-flag.entity';

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
  NotificationOutbox,
  FollowUpReminder,
  MissionOrder,
  MissionOrderHolder,
  MissionOrderArea,
  MissionOrderNumberCounter,
  Meeting,
  MeetingAttendee,
  Accord,
  AccordTerm,
  AccordTermRevision,
  FollowUp,
  AccordCheckSummary,
  FollowUpAssessment,
  Incident,
  AccordFlag,
];
