import { Permission as P } from './permission';
import { Role } from './role';

/**
 * Function-level access, transcribed from shared/design/access.md. Object-level
 * checks (own association, team, own authority) are made by the services.
 */
const GRANTS: Record<Role, readonly P[]> = {
  admin: [
    P.AccountManage,
    P.UsersRead,
    P.UsersManage,
    P.AssociationsRead,
    P.AssociationsManage,
    P.AuthoritiesRead,
    P.AuthoritiesManage,
    P.AreasRead,
    P.AreasManage,
    P.CasesErase,
    P.StatsRead,
    P.NotificationsRead,
    P.AuditRead,
    P.AuditVerify,
    P.SmsOutboxRead,
    P.DisclosureReportRead,
  ],
  coordinator: [
    P.AccountManage,
    P.UsersRead,
    P.UsersConfirm,
    P.AuthoritiesRead,
    P.AreasRead,
    P.CasesCreate,
    P.CasesRead,
    P.CasesUpdate,
    P.CasesTransition,
    P.CaseTeamManage,
    P.MissionOrdersRequest,
    P.MissionOrdersRead,
    P.FlagsRaise,
    P.FlagsResolve,
    P.DashboardRead,
    P.StatsRead,
    P.RegistryRead,
    P.CoordinationRequest,
    P.NotificationsRead,
    P.AuditRead,
  ],
  mediator: [
    P.AccountManage,
    P.AuthoritiesRead,
    P.AreasRead,
    P.CasesCreate,
    P.CasesRead,
    P.CasesUpdate,
    P.CasesTransition,
    P.MissionOrdersRequest,
    P.MissionOrdersRead,
    P.FlagsRaise,
    P.DashboardRead,
    P.RegistryRead,
    P.NotificationsRead,
  ],
  official: [
    P.AccountManage,
    P.AuthoritiesRead,
    P.AreasRead,
    P.MissionOrdersRead,
    P.MissionOrdersDecide,
    P.StatsRead,
    P.NotificationsRead,
  ],
};

const SETS: Record<Role, ReadonlySet<P>> = {
  admin: new Set(GRANTS.admin),
  coordinator: new Set(GRANTS.coordinator),
  mediator: new Set(GRANTS.mediator),
  official: new Set(GRANTS.official),
};

/**
 * What a pending member (created by an admin, not yet confirmed by a
 * coordinator of their association) keeps: what every signed-in user has —
 * their own account and notifications, areas, authorities. Nothing that
 * holds or derives from case content, and nothing about the association.
 */
const WHILE_PENDING: ReadonlySet<P> = new Set([
  P.AccountManage,
  P.NotificationsRead,
  P.AreasRead,
  P.AuthoritiesRead,
]);

export function pendingMemberHas(permission: P): boolean {
  return WHILE_PENDING.has(permission);
}

export function permissionsFor(role: Role): ReadonlySet<P> {
  return SETS[role];
}

export function roleHas(role: Role, permission: P): boolean {
  return SETS[role].has(permission);
}
