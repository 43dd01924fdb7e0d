import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditService } from '../../common/audit/audit.service';
import { setPrincipal } from '../../common/audit/request-context';
import { Principal } from '../../common/auth/principal';
import { AppError } from '../../common/http/app-error';
import { Transactions, Tx } from '../../database/transactions';
import { FlagsService, FollowUpsService, SmsAccords } from '../accords';
import { PhonesService } from '../phones';
import { normalisePhoneNumber, SmsOutbox } from '../sms-outbox';
import { InboundSms } from './sms-gateways';
import { InboundRecord, SmsInboundRepository } from './sms-inbound.repository';
import { keywordOf, parseSmsMessage, SmsKeyword, SmsRequest } from './sms-message';
import { shortReference, SMS_REPLIES } from './sms-replies';

const DAY_MS = 86_400_000;

/** What a message will do, decided from reads before anything is written. */
interface Plan {
  keyword: SmsKeyword;
  /** Audited as the event's reason_code. */
  outcome: string;
  reply: string;
  principal: Principal | null;
  /** The change the message asks for, in the message's transaction. */
  write?: (tx: Tx) => Promise<unknown>;
}

const FORMATS = {
  suivi: SMS_REPLIES.formatFollowUp,
  alerte: SMS_REPLIES.formatAlert,
  code: SMS_REPLIES.formatCode,
} as const;

/**
 * Inbound SMS, whichever gateway brought them: each message is recorded
 * once (gateway and message key), with its reply; the change it asks for
 * (a follow-up check, a flag, a phone's verification) is made through the
 * accords' and phones' own services in the same transaction, the reply is
 * queued there too, and the message is audited without its text or number.
 * A message seen before gets the same reply and does nothing else.
 */
@Injectable()
export class SmsInboundService {
  constructor(
    private readonly inbound: SmsInboundRepository,
    private readonly phones: PhonesService,
    private readonly accords: SmsAccords,
    private readonly followUps: FollowUpsService,
    private readonly flags: FlagsService,
    private readonly outbox: SmsOutbox,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
  ) {}

  /** Handles one message; returns its reply. */
  async receive(sms: InboundSms): Promise<string> {
    const seen = await this.inbound.replyOf(sms.gateway, sms.messageKey);
    if (seen !== null) return seen;
    const from = normalisePhoneNumber(sms.from) ?? sms.from.trim();
    const id = randomUUID();
    const plan = await this.plan(parseSmsMessage(sms.text), from, sms.receivedAt, id);
    if (plan.principal) setPrincipal(plan.principal);
    try {
      return await this.commit(id, sms, from, plan);
    } catch (error) {
      // The accord changed between the reads and the write: the message is still answered, once.
      if (!(error instanceof AppError) || !plan.write) throw error;
      const failed: Plan = { ...plan, outcome: 'not_recorded', reply: SMS_REPLIES.notRecorded };
      delete failed.write;
      return this.commit(id, sms, from, failed);
    }
  }

  private async commit(id: string, sms: InboundSms, from: string, plan: Plan): Promise<string> {
    const record: InboundRecord = {
      id,
      gateway: sms.gateway,
      messageKey: sms.messageKey,
      senderHash: this.inbound.senderHash(from),
      userId: plan.principal?.userId ?? null,
      keyword: plan.keyword,
      outcome: plan.outcome,
      reply: plan.reply,
      receivedAt: sms.receivedAt,
    };
    return this.transactions.run(async (tx) => {
      if (!(await this.inbound.claim(tx, record))) {
        // The same message, posted twice at once: the other post answered it.
        return (await this.inbound.replyOf(sms.gateway, sms.messageKey, tx)) ?? plan.reply;
      }
      // Not to short codes or alphanumeric senders, nor the same text too often (the outbox's rules).
      await this.outbox.enqueue(tx, {
        to: from,
        text: plan.reply,
        purpose: 'reply',
        dedupeKey: `sms-reply:${id}`,
      });
      if (plan.write) await plan.write(tx);
      await this.audit.record(tx, {
        action: 'sms.inbound',
        entityType: 'sms_inbound',
        entityId: id,
        associationId: plan.principal?.associationId ?? null,
        details: { from: sms.gateway, to: plan.keyword, reason_code: plan.outcome },
      });
      return plan.reply;
    });
  }

  private async plan(
    request: SmsRequest,
    from: string,
    receivedAt: Date,
    id: string,
  ): Promise<Plan> {
    const keyword = keywordOf(request);
    const answer = (outcome: string, reply: string, principal: Principal | null = null): Plan => ({
      keyword,
      outcome,
      reply,
      principal,
    });
    switch (request.kind) {
      case 'help':
        return answer('help', SMS_REPLIES.help);
      case 'unknown':
        return answer('unknown', SMS_REPLIES.unknown);
      case 'malformed':
        return answer('malformed', FORMATS[request.keyword]);
      case 'verify': {
        // The code proves the phone received it: any number may send one.
        const verifies = await this.phones.codeWouldVerify(from, request.digits);
        return {
          ...(verifies
            ? answer('verified', SMS_REPLIES.phoneVerified)
            : answer('code_rejected', SMS_REPLIES.codeRejected)),
          write: (tx) => this.phones.verifyByText(tx, from, request.digits),
        };
      }
      case 'follow_up':
      case 'alert':
        break;
    }
    // Unknown number, unknown code, an accord the sender may not touch: the same answer.
    const principal = await this.phones.senderOf(from);
    const target = principal ? await this.accords.target(principal, request.code) : null;
    if (!principal || !target) return answer('refused', SMS_REPLIES.refused);
    const ref = shortReference(id);
    if (request.kind === 'alert') {
      return {
        ...answer('alerted', SMS_REPLIES.alertRaised(request.code, ref), principal),
        write: (tx) =>
          this.flags.raiseFlagIn(tx, principal, target.accordId, {
            severity: 'high',
            reason: request.text ?? 'Alerte par SMS',
          }),
      };
    }
    const numbers = request.assessments.map((a) => a.number);
    const termIds = await this.accords.termIdsByNumber(target.accordId, numbers);
    const unknown = numbers.filter((n) => !termIds.has(n));
    if (unknown.length > 0) {
      return answer('unknown_terms', SMS_REPLIES.unknownTerms(request.code, unknown), principal);
    }
    const now = new Date();
    const checkedAt = receivedAt > now ? now : receivedAt;
    const nextCheckDue = new Date(checkedAt.getTime() + target.followUpIntervalDays * DAY_MS);
    const reply = SMS_REPLIES.followUpRecorded(request.code, ref, numbers.length, nextCheckDue);
    return {
      ...answer('recorded', reply, principal),
      write: (tx) =>
        this.followUps.recordFollowUp(tx, principal, target.accordId, {
          checkedAt: checkedAt.toISOString(),
          method: 'sms',
          overall: request.overall,
          assessments: request.assessments.map((a) => ({
            termId: termIds.get(a.number) as string,
            status: a.status,
          })),
          nextCheckDue: nextCheckDue.toISOString(),
          ...(request.note === null ? {} : { note: request.note }),
        }),
    };
  }
}
