import { Principal } from '../../common/auth/principal';
import { User } from './user.entity';
import { UserResponse } from './dto/user.response';

export function toUserResponse(user: User): UserResponse {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    associationId: user.associationId,
    authorityId: user.authorityId,
    disabled: user.disabled,
    pending: user.pending,
    mustChangePassword: user.mustChangePassword,
    // Whether the mission-order identity is on file; the values are never listed.
    hasLegalIdentity: Boolean(user.legalName && user.idDocumentNumber),
    totpEnabled: user.totpEnabled,
    version: user.version,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}

export function toSessionUser(
  user: Pick<
    User,
    | 'id'
    | 'username'
    | 'role'
    | 'displayName'
    | 'associationId'
    | 'authorityId'
    | 'mustChangePassword'
  >,
) {
  return {
    id: user.id,
    username: user.username,
    role: user.role,
    displayName: user.displayName,
    associationId: user.associationId,
    authorityId: user.authorityId,
    mustChangePassword: user.mustChangePassword,
  };
}

export type SessionUser = ReturnType<typeof toSessionUser>;

export function principalOwns(principal: Principal, user: User): boolean {
  return (
    principal.role === 'admin' ||
    (principal.role === 'coordinator' && user.associationId === principal.associationId)
  );
}
