import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { AuditChainRow, auditHash } from './audit-hash';
import { AuditRepository, Seal } from './audit.repository';

/** Events sealed per transaction. */
export const SEAL_BATCH_SIZE = 1000;

export interface SealResult {
  /** False when another instance was sealing (a timer run only): this run did nothing. */
  ran: boolean;
  sealed: number;
}

/**
 * Seals committed audit events into the hash chain, in batches, in the order
 * it finds them committed: writers insert unsealed events without any shared
 * lock, and this chains them afterwards (a log sequencer, as in Certificate
 * Transparency). Each batch runs in one transaction under a transaction-level
 * advisory lock, so with several API instances exactly one extends the chain
 * at a time; reading the head after the lock and sealing only rows still
 * unsealed (checked by the UPDATE) means no event is sealed twice, and an
 * event committed after a batch's read is simply sealed by a later one.
 */
@Injectable()
export class AuditSequencer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AuditSequencer.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private failing = false;

  constructor(
    private readonly events: AuditRepository,
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'auditSealIntervalMs'>,
  ) {}

  /** Seals every `auditSealIntervalMs` (0: only when asked). */
  onApplicationBootstrap(): void {
    const ms = this.config.auditSealIntervalMs;
    if (ms <= 0) return;
    this.timer = setInterval(() => this.tick(), ms);
    this.timer.unref();
  }

  /**
   * Stops the timer and seals what the last requests wrote: called when the
   * HTTP server has closed (its onClose hook, app.factory.ts), while the
   * database connections are still open.
   */
  async drain(): Promise<void> {
    this.stop();
    await this.running;
    await this.sealOnce().catch((error: unknown) =>
      this.logger.error(`audit sealing at shutdown failed: ${(error as Error).message}`),
    );
  }

  onApplicationShutdown(): Promise<unknown> | undefined {
    this.stop();
    return this.running;
  }

  /** Stops the timer (sealOnce still works). */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.seal(false)
      .then(() => {
        if (this.failing) this.logger.log('audit sealing works again');
        this.failing = false;
      })
      .catch((error: unknown) => {
        // Once per outage, not five times a second while the database is away.
        if (!this.failing) this.logger.error(`audit sealing failed: ${(error as Error).message}`);
        this.failing = true;
      })
      .finally(() => {
        this.running = undefined;
      });
  }

  /**
   * Seals every event committed before the call, waiting for another
   * instance's batch if one is running (for tests, operators, shutdown).
   */
  sealOnce(): Promise<SealResult> {
    return this.seal(true);
  }

  private async seal(wait: boolean): Promise<SealResult> {
    let sealed = 0;
    for (;;) {
      const batch = await this.dataSource.transaction(async (tx) => {
        if (!(await this.events.lockSeal(tx, wait))) return null;
        const pending = await this.events.unsealed(tx, SEAL_BATCH_SIZE);
        if (pending.length === 0) return 0;
        let { seq, hash: prevHash } = await this.events.head(tx);
        const seals: Seal[] = pending.map((event) => {
          const row: AuditChainRow = { ...event, seq: ++seq, prevHash };
          const hash = auditHash(row);
          prevHash = hash;
          return { id: event.id, seq: row.seq, prevHash: row.prevHash, hash };
        });
        await this.events.seal(tx, seals);
        return seals.length;
      });
      if (batch === null) return { ran: false, sealed };
      sealed += batch;
      if (batch < SEAL_BATCH_SIZE) return { ran: true, sealed };
    }
  }
}
