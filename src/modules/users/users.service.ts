import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditAction, AuditDetails, fieldNames } from '../../common/audit/audit-input';
import { AuditService } from '../../common/audit/audit.service';
import { Principal } from '../../common/auth/principal';
import { Role } from '../../common/auth/role';
import { AppError } from '../../common/http/app-error';
import {
  decodeCursor,
  Page,
  PageQueryDto,
  DEFAULT_PAGE_SIZE,
  toPage,
} from '../../common/http/pagination';
import { Transactions, Tx } from '../../database/transactions';
import { NotificationsRepository } from '../notifications';
import { PasswordService } from './password.service';
import { TotpRepository } from './totp.repository';
import { UserDisabledHooks } from './user-disabled-hooks';
import { SessionsRepository } from '../sessions';
import { CreateUserDto } from './dto/create-user.dto';
import { ResetPasswordDto } from './dto/reset-password.dto';
import { UpdateUserDto } from './dto/update-user.dto';
import { UserResponse } from './dto/user.response';
import { User } from './user.entity';
import { principalOwns, toUserResponse } from './users.mapper';
import { UsersRepository } from './users.repository';

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly passwords: PasswordService,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsRepository,
    private readonly totp: TotpRepository,
    private readonly disabledHooks: UserDisabledHooks,
  ) {}

  /** The audit event of a change to the user `subject` (field names and counts only). */
  private event(
    tx: Tx,
    action: AuditAction,
    subject: Pick<User, 'id' | 'associationId'>,
    details: AuditDetails,
  ): Promise<unknown> {
    return this.audit.record(tx, {
      action,
      entityType: 'user',
      entityId: subject.id,
      associationId: subject.associationId,
      details,
    });
  }

  async create(dto: CreateUserDto): Promise<UserResponse> {
    assertMembership(dto);
    const username = dto.username.toLowerCase();
    this.passwords.assertAcceptable(dto.password, username);
    if (dto.id) {
      const existing = await this.users.findById(dto.id);
      if (existing) return sameUser(existing, dto, username);
    }
    const id = dto.id ?? randomUUID();
    const passwordHash = await this.passwords.hash(dto.password);
    const user = await this.transactions.run(async (tx) => {
      const pending = dto.associationId
        ? await this.awaitsConfirmation(tx, dto.role, dto.associationId)
        : false;
      const created = await this.users.insert(
        {
          id,
          username,
          displayName: dto.displayName,
          role: dto.role,
          associationId: dto.associationId ?? null,
          authorityId: dto.authorityId ?? null,
          legalName: dto.legalName ?? null,
          idDocumentNumber: dto.idDocumentNumber ?? null,
          passwordHash,
          // The admin knows this password: it is only ever temporary.
          mustChangePassword: true,
          pending,
        },
        tx,
      );
      await this.event(tx, 'user.create', created, {
        role: dto.role,
        fields: fieldNames(dto, ['id', 'password']),
        to: pending ? 'pending' : 'active',
      });
      if (created.associationId) {
        const coordinators = await this.notifications.coordinatorsOf(
          tx,
          created.associationId,
          created.id,
        );
        await this.notifications.insertMany(
          tx,
          coordinators.map((userId) => ({
            userId,
            kind: 'member_added' as const,
            subjectType: 'user',
            subjectId: created.id,
          })),
        );
      }
      return created;
    });
    return toUserResponse(user);
  }

  /**
   * Separation of duties: an admin holds no case content, so an account an
   * admin creates in an association (whose password the admin knows) waits
   * for a coordinator of that association to confirm it. The one exception
   * is the association's first coordinator ever, with nobody yet to confirm
   * it. The association's row is locked, so two first coordinators cannot
   * both be created active.
   */
  private async awaitsConfirmation(tx: Tx, role: Role, associationId: string): Promise<boolean> {
    if (!(await this.users.lockAssociation(tx, associationId))) {
      throw new AppError('invalid_reference', {
        errors: [{ field: 'associationId', message: 'no such association' }],
      });
    }
    return role !== 'coordinator' || (await this.users.hasCoordinator(tx, associationId));
  }

  /**
   * A coordinator vouches for a pending member of their own association (any
   * other id: 404). The member is told; the audit event names who confirmed.
   */
  async confirm(principal: Principal, id: string): Promise<UserResponse> {
    return this.transactions.run(async (tx) => {
      const user = await this.users.findById(id, tx);
      if (!user || !principal.associationId || user.associationId !== principal.associationId)
        throw new AppError('not_found');
      if (!(await this.users.confirm(tx, id))) throw new AppError('account_not_pending');
      await this.notifications.insertMany(tx, [
        { userId: id, kind: 'account_confirmed', subjectType: 'user', subjectId: id },
      ]);
      await this.event(tx, 'user.confirm', user, {
        role: user.role,
        from: 'pending',
        to: 'active',
      });
      return toUserResponse((await this.users.findById(id, tx)) as User);
    });
  }

  /** Admins list everyone; coordinators their own association. */
  async list(principal: Principal, query: PageQueryDto): Promise<Page<UserResponse>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor, 2) as [string, string] | null;
    const associationId =
      principal.role === 'admin' ? undefined : (principal.associationId ?? randomUUID());
    const rows = await this.users.list({ associationId, after, limit });
    return toPage(rows, limit, toUserResponse, (u) => [u.username, u.id]);
  }

  async get(principal: Principal, id: string): Promise<UserResponse> {
    const user = await this.users.findById(id);
    if (!user || !principalOwns(principal, user)) throw new AppError('not_found');
    return toUserResponse(user);
  }

  async getSelf(principal: Principal): Promise<UserResponse> {
    const user = await this.users.findById(principal.userId);
    if (!user) throw new AppError('not_found');
    return toUserResponse(user);
  }

  /**
   * Conditional update on the version read by the client; disabling ends
   * every session and, through UserDisabledHooks, every mission-order
   * credential of the user.
   */
  async update(id: string, version: number, dto: UpdateUserDto): Promise<UserResponse> {
    return this.transactions.run(async (tx) => {
      const updated = await this.users.updateIfVersion(tx, id, version, dto);
      const current = await this.users.findById(id, tx);
      if (!current) throw new AppError('not_found');
      if (!updated)
        throw new AppError('stale_version', { extensions: { currentVersion: current.version } });
      const revoked =
        dto.disabled === true
          ? await this.sessions.revokeAllAndForgetDevices(tx, id, 'user_disabled')
          : 0;
      // What other modules end with the account (its mission-order credentials).
      if (dto.disabled === true) await this.disabledHooks.run(tx, id);
      await this.event(tx, 'user.update', current, { fields: fieldNames(dto), count: revoked });
      return toUserResponse(current);
    });
  }

  /**
   * An admin sets a temporary password (forgotten, or known to whoever holds
   * a seized phone): every session of the user ends, and the user must choose
   * a new password at the next sign-in.
   */
  async resetPassword(id: string, dto: ResetPasswordDto): Promise<void> {
    const user = await this.users.findById(id);
    if (!user) throw new AppError('not_found');
    this.passwords.assertAcceptable(dto.password, user.username);
    const passwordHash = await this.passwords.hash(dto.password);
    await this.transactions.run(async (tx) => {
      await this.users.setPassword(tx, id, passwordHash, true);
      const revoked = await this.sessions.revokeAllAndForgetDevices(tx, id, 'password_reset');
      await this.event(tx, 'user.password_reset', user, { fields: ['password'], count: revoked });
    });
  }

  /**
   * An admin turns off a user's second factor (a lost or seized phone): the
   * secret is dropped and every session of the user ends, since whoever holds
   * that phone may hold one. The next sign-in needs only the password, and
   * where the policy requires TOTP for the role, a new set-up comes first.
   * The user is notified, so that a reset they did not ask for is noticed.
   */
  async resetTotp(id: string): Promise<void> {
    await this.transactions.run(async (tx) => {
      const user = await this.users.findById(id, tx);
      if (!user) throw new AppError('not_found');
      if (!(await this.totp.clear(tx, id))) {
        throw new AppError('totp_not_enabled', {
          detail: {
            en: 'This user has no authenticator app to reset.',
            fr: "Cet utilisateur n'a pas d'application d'authentification à réinitialiser.",
          },
        });
      }
      const revoked = await this.sessions.revokeAllAndForgetDevices(tx, id, 'totp_reset');
      await this.notifications.insertMany(tx, [
        { userId: id, kind: 'totp_reset', subjectType: 'user', subjectId: id },
      ]);
      await this.event(tx, 'user.totp_reset', user, { fields: ['totpSecret'], count: revoked });
    });
  }
}

function assertMembership(dto: CreateUserDto): void {
  const hasAssociation = dto.associationId !== undefined;
  const hasAuthority = dto.authorityId !== undefined;
  const valid =
    dto.role === 'admin'
      ? !hasAssociation && !hasAuthority
      : dto.role === 'official'
        ? hasAuthority && !hasAssociation
        : hasAssociation && !hasAuthority;
  if (!valid) throw new AppError('invalid_membership');
}

/** A repeated create with a known id is accepted only if it describes the same user. */
function sameUser(existing: User, dto: CreateUserDto, username: string): UserResponse {
  const same =
    existing.username === username &&
    existing.role === dto.role &&
    existing.displayName === dto.displayName &&
    existing.associationId === (dto.associationId ?? null) &&
    existing.authorityId === (dto.authorityId ?? null);
  if (!same) throw new AppError('duplicate');
  return toUserResponse(existing);
}
