import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ADVISORY_LOCKS } from '../../common/advisory-locks';
import { FieldCipher } from '../../common/crypto/field-cipher';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { IntervalJob, withJobLock } from '../../database/scheduled-jobs';
import { Transactions } from '../../database/transactions';
import { GatewayOutcome, gatewayFor, SmsGateway } from './sms-gateways';

/** The transaction-scoped advisory lock one claim of messages holds. */
export const SMS_DELIVERY_LOCK_KEY = ADVISORY_LOCKS.smsDelivery;
/** Messages claimed per run. */
const BATCH = 20;
/** A claimed message is hidden from other runs this long: a run that dies leaves it to be tried again. */
const LEASE_SECONDS = 120;
/** After this many attempts a message that still fails is `failed`. */
export const MAX_ATTEMPTS = 8;
/** How often queued messages are looked at when the scheduler is on. */
const DELIVERY_SECONDS = 5;

export interface DeliveryRunResult {
  /** False when another instance held the lock, or no gateway is configured. */
  ran: boolean;
  sent: number;
  failed: number;
  retried: number;
}

interface Claimed {
  id: string;
  to_number: string;
  text: string;
  attempts: number;
}

/** Seconds to wait before attempt `n + 1` after `n` failed: 30 s, 1 min, 2 min… at most an hour. */
export const retryDelaySeconds = (attempts: number): number =>
  Math.min(30 * 2 ** Math.max(attempts - 1, 0), 3600);

/**
 * Sends the outbox's messages through the configured gateway. A run claims a
 * batch under an advisory lock (so two instances never claim one message),
 * leases it for two minutes, sends outside any transaction, then records
 * each outcome: sent, or tried again later with backoff, or failed after
 * MAX_ATTEMPTS or a refusal. A run that dies between sending and recording
 * leaves the message to be sent again with the same id, which the gateway
 * can use to drop the repeat.
 */
@Injectable()
export class SmsDelivery implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly gateway: SmsGateway | null;
  private readonly job = new IntervalJob('SMS delivery run', () => this.deliverOnce());

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly transactions: Transactions,
    private readonly cipher: FieldCipher,
  ) {
    this.gateway = gatewayFor(config.sms);
  }

  onApplicationBootstrap(): void {
    if (!this.gateway || this.config.schedulerIntervalSeconds <= 0) return;
    this.job.start(DELIVERY_SECONDS * 1000);
  }

  onApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }

  /** One run (also called by tests and operators). */
  async deliverOnce(): Promise<DeliveryRunResult> {
    const result: DeliveryRunResult = { ran: false, sent: 0, failed: 0, retried: 0 };
    const gateway = this.gateway;
    if (!gateway) return result;
    const claimed = await this.claim();
    if (claimed === null) return result;
    result.ran = true;
    for (const row of claimed) {
      const at = (column: string) => ({ table: 'sms_outbox', column, rowId: row.id });
      const outcome = await gateway
        .send({
          id: row.id,
          to: this.cipher.decrypt(row.to_number, at('to_number')),
          text: this.cipher.decrypt(row.text, at('text')),
        })
        .catch((): GatewayOutcome => ({ ok: false, retry: true, error: 'gateway error' }));
      const state = await this.record(row, outcome);
      result[state] += 1;
    }
    return result;
  }

  /** The batch this run sends, or null when another instance is claiming. */
  private claim(): Promise<Claimed[] | null> {
    return withJobLock(this.transactions, SMS_DELIVERY_LOCK_KEY, async (tx) => {
      // An UPDATE through TypeORM's query() answers [rows, count].
      const [rows]: [Claimed[], number] = await tx.query(
        `UPDATE sms_outbox SET attempts = attempts + 1,
                next_attempt_at = now() + make_interval(secs => $2)
          WHERE id IN (SELECT id FROM sms_outbox
                        WHERE status = 'queued' AND next_attempt_at <= now()
                        ORDER BY next_attempt_at, created_at
                        LIMIT $1
                        FOR UPDATE SKIP LOCKED)
          RETURNING id, to_number, text, attempts`,
        [BATCH, LEASE_SECONDS],
      );
      return rows;
    });
  }

  private async record(
    row: Claimed,
    outcome: GatewayOutcome,
  ): Promise<'sent' | 'failed' | 'retried'> {
    if (outcome.ok) {
      await this.transactions.run((tx) =>
        tx.query(
          `UPDATE sms_outbox SET status = 'sent', sent_at = now(), last_error = NULL WHERE id = $1`,
          [row.id],
        ),
      );
      return 'sent';
    }
    const failed = !outcome.retry || row.attempts >= MAX_ATTEMPTS;
    await this.transactions.run((tx) =>
      tx.query(
        `UPDATE sms_outbox SET status = $2, last_error = $3,
                next_attempt_at = now() + make_interval(secs => $4)
          WHERE id = $1`,
        [row.id, failed ? 'failed' : 'queued', outcome.error, retryDelaySeconds(row.attempts)],
      ),
    );
    return failed ? 'failed' : 'retried';
  }
}
