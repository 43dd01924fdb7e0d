import { InitialIdentity1795493267227 } from './1795493267227-InitialIdentity';
import { SeedCentralMaliAreas1795493267300 } from './1795493267300-SeedCentralMaliAreas';
import { TotpAndStepUp1795494000000 } from './1795494000000-TotpAndStepUp';
import { IdempotencyRecords1795494100000 } from './1795494100000-IdempotencyRecords';
import { AuditTrail1795494200000 } from './1795494200000-AuditTrail';
import { DialogueCases1795495000000 } from './1795495000000-DialogueCases';
import { CaseMembersAndRegistry1795495100000 } from './1795495100000-CaseMembersAndRegistry';
import { MissionOrders1795495200000 } from './1795495200000-MissionOrders';
import { Meetings1795495300000 } from './1795495300000-Meetings';
import { Accords1795495400000 } from './1795495400000-Accords';
import { NotificationsOutbox1795495500000 } from './1795495500000-NotificationsOutbox';
import { AccordCheckSummary1795496000000 } from './1795496000000-AccordCheckSummary';
import { TrustedDevices1796652786066 } from './1796652786066-TrustedDevices';
import { AuthorityStatsScope1796653284471 } from './1796653284471-AuthorityStatsScope';
import { PendingMembers1796654150484 } from './1796654150484-PendingMembers';
import { MissionOrderCredentialIds1796655136111 } from './1796655136111-MissionOrderCredentialIds';
import { AuditSequencer1796660000000 } from './1796660000000-AuditSequencer';
import { SessionNotifications1796660100000 } from './1796660100000-SessionNotifications';
import { SmsOutbox1796665179326 } from './1796665179326-SmsOutbox';
import { CaseDataKeys1796665272993 } from './1796665272993-CaseDataKeys';
import { AccordSmsCodes1796665314717 } from './1796665314717-AccordSmsCodes';
import { AreaPcodes1796665488147 } from './1796665488147-AreaPcodes';
import { PhoneNumbers1796665621015 } from './1796665621015-PhoneNumbers';
import { SmsPreferences1796665723566 } from './1796665723566-SmsPreferences';
import { SmsInbound1796666119059 } from './1796666119059-SmsInbound';

/** Every migration, in order. A new one is generated, read, named, then listed here. */
export const MIGRATIONS = [
  InitialIdentity1795493267227,
  SeedCentralMaliAreas1795493267300,
  TotpAndStepUp1795494000000,
  IdempotencyRecords1795494100000,
  AuditTrail1795494200000,
  DialogueCases1795495000000,
  CaseMembersAndRegistry1795495100000,
  MissionOrders1795495200000,
  Meetings1795495300000,
  Accords1795495400000,
  NotificationsOutbox1795495500000,
  AccordCheckSummary1795496000000,
  TrustedDevices1796652786066,
  AuthorityStatsScope1796653284471,
  PendingMembers1796654150484,
  MissionOrderCredentialIds1796655136111,
  AuditSequencer1796660000000,
  SessionNotifications1796660100000,
  SmsOutbox1796665179326,
  CaseDataKeys1796665272993,
  AccordSmsCodes1796665314717,
  AreaPcodes1796665488147,
  PhoneNumbers1796665621015,
  SmsPreferences1796665723566,
  SmsInbound1796666119059,
];
