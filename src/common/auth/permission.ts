/**
 * Every action a route can require, as `resource.action`. Each route declares
 * exactly one (or is @Public); roles get them from role-permissions.ts.
 */
export enum Permission {
  /** Own account: profile, password, sessions, second factor, panic. */
  AccountManage = 'account.manage',
  UsersRead = 'users.read',
  UsersManage = 'users.manage',
  /** A coordinator vouches for a member an admin created in their association. */
  UsersConfirm = 'users.confirm',
  AssociationsRead = 'associations.read',
  AssociationsManage = 'associations.manage',
  AuthoritiesRead = 'authorities.read',
  AuthoritiesManage = 'authorities.manage',
  AreasRead = 'areas.read',
  AreasManage = 'areas.manage',
  CasesCreate = 'cases.create',
  CasesRead = 'cases.read',
  CasesUpdate = 'cases.update',
  CasesTransition = 'cases.transition',
  CaseTeamManage = 'cases.team_manage',
  /** Destroy a case's data key (admin, after step-up); list the cases past retention. */
  CasesErase = 'cases.erase',
  MissionOrdersRequest = 'mission_orders.request',
  MissionOrdersRead = 'mission_orders.read',
  MissionOrdersDecide = 'mission_orders.decide',
  FlagsRaise = 'flags.raise',
  FlagsResolve = 'flags.resolve',
  DashboardRead = 'dashboard.read',
  StatsRead = 'stats.read',
  RegistryRead = 'registry.read',
  CoordinationRequest = 'registry.coordination_request',
  NotificationsRead = 'notifications.read',
  AuditRead = 'audit.read',
  AuditVerify = 'audit.verify',
  /** The SMS outbox: what waits to be sent, masked. */
  SmsOutboxRead = 'sms.outbox_read',
  /** What the server holds and how it is protected ("what we could hand over"). */
  DisclosureReportRead = 'disclosure_report.read',
}
