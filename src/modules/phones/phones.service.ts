import { Injectable, OnModuleInit } from '@nestjs/common';
import { randomInt, randomUUID } from 'node:crypto';
import { AuditService } from '../../common/audit/audit.service';
import { Principal } from '../../common/auth/principal';
import { Role } from '../../common/auth/role';
import { AppError } from '../../common/http/app-error';
import { Transactions, Tx } from '../../database/transactions';
import { isReplyableSender, maskPhoneNumber, normalisePhoneNumber, SmsOutbox } from '../sms-outbox';
import { UserDisabledHooks, UsersRepository } from '../users';
import { PhoneResponse } from './dto/phone.dto';
import { PendingCode, PhoneRow, PhonesRepository } from './phones.repository';
import './phones.errors';

/** How long a verification code waits for its answer (an SMS can take hours to arrive). */
export const CODE_TTL_MS = 24 * 3_600_000;
/** Wrong codes that end a verification attempt. */
export const MAX_CODE_ATTEMPTS = 5;
export const MAX_PHONES_PER_USER = 5;
/** A new code for the same number at most this often: the route cannot flood a phone. */
export const RESEND_AFTER_MS = 60_000;

/** The text that carries a code: no name of the application or the organisation. */
export const codeMessage = (code: string): string =>
  `Code ${code}. Pour confirmer ce numéro, saisissez-le ou répondez CODE ${code}.`;

function toPhoneResponse(row: PhoneRow): PhoneResponse {
  return {
    id: row.id,
    number: maskPhoneNumber(row.number),
    verified: row.verifiedAt !== null,
    verifiedAt: row.verifiedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

const codeIsLive = (row: PendingCode): boolean =>
  row.codeHash !== null && row.codeExpiresAt !== null && row.codeExpiresAt > new Date();

/**
 * The phone numbers of users: registered by the user or by an admin for
 * them, verified by a six-digit code (typed in the app or texted back as
 * `CODE <digits>`), then able to report by SMS. Panic and disabling the
 * account stop every number of it until verified again.
 */
@Injectable()
export class PhonesService implements OnModuleInit {
  constructor(
    private readonly phones: PhonesRepository,
    private readonly users: UsersRepository,
    private readonly outbox: SmsOutbox,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly disabledHooks: UserDisabledHooks,
  ) {}

  onModuleInit(): void {
    this.disabledHooks.register((tx, userId) => this.phones.unverifyAll(tx, userId));
  }

  async list(userId: string): Promise<PhoneResponse[]> {
    return (await this.phones.listOf(userId)).map(toPhoneResponse);
  }

  /** An admin's view of a user's numbers (404 for no such user). */
  async listOfUser(userId: string): Promise<PhoneResponse[]> {
    if (!(await this.users.findById(userId))) throw new AppError('not_found');
    return this.list(userId);
  }

  /**
   * Registers a number for `userId` (unverified) and texts it a code. The
   * same number again gets a new code (the earlier one and its wrong
   * attempts are forgotten).
   */
  async add(actorId: string, userId: string, typed: string): Promise<PhoneResponse> {
    const user = await this.users.findById(userId);
    if (!user) throw new AppError('not_found');
    const e164 = normalisePhoneNumber(typed);
    if (!e164 || !isReplyableSender(e164)) throw new AppError('invalid_phone_number');
    const numberHash = this.phones.numberHash(e164);
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const id = await this.transactions.run(async (tx) => {
      const existing = await this.phones.lockOfUser(tx, userId, numberHash);
      if (existing?.verifiedAt) throw new AppError('phone_already_verified');
      if (existing && codeIsLive(existing)) {
        const issuedAt = (existing.codeExpiresAt as Date).getTime() - CODE_TTL_MS;
        if (Date.now() - issuedAt < RESEND_AFTER_MS) {
          throw new AppError('rate_limited', {
            headers: { 'retry-after': String(Math.ceil(RESEND_AFTER_MS / 1000)) },
          });
        }
      }
      let phoneId = existing?.id;
      if (!phoneId) {
        if ((await this.phones.countOf(tx, userId)) >= MAX_PHONES_PER_USER) {
          throw new AppError('too_many_phones');
        }
        phoneId = randomUUID();
        await this.phones.insert(tx, {
          id: phoneId,
          userId,
          number: e164,
          numberHash,
          addedBy: actorId,
        });
      }
      await this.phones.setCode(tx, phoneId, code, new Date(Date.now() + CODE_TTL_MS));
      await this.outbox.enqueue(tx, { to: e164, text: codeMessage(code), purpose: 'verification' });
      await this.audit.record(tx, {
        action: existing ? 'phone_number.resend_code' : 'phone_number.create',
        entityType: 'phone_number',
        entityId: phoneId,
        associationId: user.associationId,
        details: { ids: [userId], fields: ['number'] },
      });
      return phoneId;
    });
    return toPhoneResponse((await this.phones.find(id)) as PhoneRow);
  }

  /** Verifies the caller's number with the code it was sent (404 for another's number). */
  async verify(principal: Principal, id: string, code: string): Promise<PhoneResponse> {
    const outcome = await this.transactions.run(async (tx) => {
      const row = await this.phones.lock(tx, id);
      if (!row || row.userId !== principal.userId) throw new AppError('not_found');
      if (row.verifiedAt) return 'verified' as const;
      if (!codeIsLive(row)) return 'expired' as const;
      if (!this.phones.codeMatches(row, code)) {
        // Committed with the answer: the attempts count even though the request fails.
        const attempts = await this.phones.wrongCode(tx, id, MAX_CODE_ATTEMPTS);
        await this.audit.record(tx, {
          action: 'phone_number.verify_failed',
          entityType: 'phone_number',
          entityId: id,
          associationId: principal.associationId,
          details: { ids: [row.userId] },
        });
        return attempts >= MAX_CODE_ATTEMPTS ? ('expired' as const) : ('wrong' as const);
      }
      await this.markVerified(tx, row, principal.associationId);
      return 'verified' as const;
    });
    if (outcome === 'wrong') throw new AppError('wrong_phone_code');
    if (outcome === 'expired') throw new AppError('phone_code_expired');
    return toPhoneResponse((await this.phones.find(id)) as PhoneRow);
  }

  /** Whether `CODE <digits>` from this number would verify a pending registration (reads only). */
  async codeWouldVerify(e164: string, code: string): Promise<boolean> {
    const pending = await this.phones.pendingOfNumber(this.phones.numberHash(e164));
    return pending.some(
      (row) => row.codeAttempts < MAX_CODE_ATTEMPTS && this.phones.codeMatches(row, code),
    );
  }

  /**
   * `CODE <digits>` texted from a number, in the caller's transaction: the
   * pending registration of that number whose code it is becomes verified.
   * Returns the account, or null (every pending code of the number then
   * counts a wrong attempt).
   */
  async verifyByText(tx: Tx, e164: string, code: string): Promise<string | null> {
    const pending = (await this.phones.pendingOfNumber(this.phones.numberHash(e164), tx)).filter(
      (row) => row.codeAttempts < MAX_CODE_ATTEMPTS,
    );
    const match = pending.find((row) => this.phones.codeMatches(row, code));
    if (!match) {
      for (const row of pending) await this.phones.wrongCode(tx, row.id, MAX_CODE_ATTEMPTS);
      return null;
    }
    const user = await this.users.findById(match.userId, tx);
    await this.markVerified(tx, match, user?.associationId ?? null);
    return match.userId;
  }

  async remove(principal: Principal, id: string): Promise<void> {
    await this.transactions.run(async (tx) => {
      const row = await this.phones.lock(tx, id);
      if (!row || row.userId !== principal.userId) throw new AppError('not_found');
      await this.phones.remove(tx, id);
      await this.audit.record(tx, {
        action: 'phone_number.delete',
        entityType: 'phone_number',
        entityId: id,
        associationId: principal.associationId,
        details: { ids: [principal.userId] },
      });
    });
  }

  /**
   * Who sends from this number: the enabled account it is verified on, as a
   * principal for the access rules (`sessionId` is the phone's id: an SMS has
   * no session), or null.
   */
  async senderOf(e164: string): Promise<Principal | null> {
    const row = await this.phones.senderOf(this.phones.numberHash(e164));
    if (!row) return null;
    return {
      userId: row.userId,
      sessionId: row.phoneId,
      username: row.username,
      role: row.role as Role,
      associationId: row.associationId,
      authorityId: row.authorityId,
      mustChangePassword: row.mustChangePassword,
      totpEnabled: row.totpEnabled,
      pending: row.pending,
    };
  }

  /** Panic: the caller's numbers stop reporting (in the panic's transaction). */
  async stopReporting(tx: Tx, userId: string): Promise<number> {
    return this.phones.unverifyAll(tx, userId);
  }

  private async markVerified(
    tx: Tx,
    row: PendingCode,
    associationId: string | null,
  ): Promise<void> {
    const numberHash = await this.phones.numberHashOf(tx, row.id);
    const removed = await this.phones.markVerified(tx, row.id, numberHash);
    await this.audit.record(tx, {
      action: 'phone_number.verify',
      entityType: 'phone_number',
      entityId: row.id,
      associationId,
      // Another account's row of the number went: it belongs to one account at a time.
      details: { ids: [row.userId, ...removed], count: removed.length },
    });
  }
}
