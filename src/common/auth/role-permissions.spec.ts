import { Permission as P } from './permission';
import { Role, ROLES } from './role';
import { pendingMemberHas, permissionsFor } from './role-permissions';

/**
 * shared/design/access.md, row by row: which roles get the function-level
 * permission. Object-level limits (own association, team, own authority)
 * are enforced by the services and tested end to end.
 */
const ACCESS_MD: [P, Role[], string][] = [
  [P.UsersManage, ['admin'], 'manage users'],
  [P.UsersRead, ['admin', 'coordinator'], "manage users / list own association's users"],
  [
    P.UsersConfirm,
    ['coordinator'],
    'confirm a member an admin created (issue 17: separation of duties)',
  ],
  [P.AssociationsManage, ['admin'], 'manage associations'],
  [P.AssociationsRead, ['admin'], 'manage associations'],
  [P.AuthoritiesManage, ['admin'], 'manage authorities'],
  [P.AreasRead, ['admin', 'coordinator', 'mediator', 'official'], 'read areas'],
  [P.AreasManage, ['admin'], 'admins add communes (api.md)'],
  [P.CasesCreate, ['coordinator', 'mediator'], 'create case'],
  [
    P.CasesRead,
    ['coordinator', 'mediator'],
    'read case, parties, meetings, accords, terms, follow-ups',
  ],
  [
    P.CasesUpdate,
    ['coordinator', 'mediator'],
    'update case, parties, meetings, accords, terms, follow-ups',
  ],
  [P.CasesTransition, ['coordinator', 'mediator'], 'transition case (mediator: not to closed)'],
  [P.CaseTeamManage, ['coordinator'], 'manage case team'],
  [P.CasesErase, ['admin'], 'erase a case past retention (issue 21: admin, after step-up)'],
  [P.MissionOrdersRequest, ['coordinator', 'mediator'], 'request mission order'],
  [P.MissionOrdersRead, ['coordinator', 'mediator', 'official'], 'read mission order'],
  [P.MissionOrdersDecide, ['official'], 'approve / reject / revoke mission order'],
  [P.FlagsRaise, ['coordinator', 'mediator'], 'raise flag'],
  [P.FlagsResolve, ['coordinator'], 'resolve flag'],
  [P.DashboardRead, ['coordinator', 'mediator'], 'dashboard of accords'],
  [P.StatsRead, ['admin', 'coordinator', 'official'], 'aggregate stats'],
  [P.RegistryRead, ['coordinator', 'mediator'], "registry of other associations' active cases"],
  [
    P.CoordinationRequest,
    ['coordinator'],
    'coordination request (domain.md: a coordinator can send)',
  ],
  [P.AuditRead, ['admin', 'coordinator'], 'audit trail'],
  [P.AuditVerify, ['admin'], 'verify audit chain'],
  [P.SmsOutboxRead, ['admin'], 'SMS waiting to be sent (issue #19: an admin can see them)'],
  [P.DisclosureReportRead, ['admin'], 'what the server could hand over (issue 21)'],
  // Not rows of access.md, granted to every signed-in user: their own account and
  // notifications, and the list of authorities (public offices) to address mission orders to.
  [P.AccountManage, ['admin', 'coordinator', 'mediator', 'official'], 'own account'],
  [P.NotificationsRead, ['admin', 'coordinator', 'mediator', 'official'], 'own notifications'],
  [
    P.AuthoritiesRead,
    ['admin', 'coordinator', 'mediator', 'official'],
    'pick the authority of a mission order',
  ],
];

describe('role → permissions (access.md)', () => {
  it('covers every permission exactly once', () => {
    const listed = ACCESS_MD.map(([p]) => p).sort();
    expect(listed).toEqual(Object.values(P).sort());
  });

  it.each(ACCESS_MD)('%s is granted to exactly %j (%s)', (permission, roles) => {
    const granted = ROLES.filter((role) => permissionsFor(role).has(permission));
    expect(granted.sort()).toEqual([...roles].sort());
  });

  it('an admin can read no case content', () => {
    const caseContent = [
      P.CasesRead,
      P.CasesUpdate,
      P.CasesCreate,
      P.DashboardRead,
      P.RegistryRead,
      P.MissionOrdersRead,
    ];
    expect(caseContent.filter((p) => permissionsFor('admin').has(p))).toEqual([]);
  });

  it('a pending member keeps only what every signed-in user has', () => {
    const everyone = Object.values(P).filter((p) =>
      ROLES.every((role) => permissionsFor(role).has(p)),
    );
    expect(Object.values(P).filter(pendingMemberHas).sort()).toEqual(everyone.sort());
  });
});
