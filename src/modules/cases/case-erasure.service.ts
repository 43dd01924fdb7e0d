import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AuditService } from '../../common/audit/audit.service';
import { Principal } from '../../common/auth/principal';
import { CaseKeys } from '../../common/crypto/case-keys';
import { AppError } from '../../common/http/app-error';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { Transactions, Tx } from '../../database/transactions';
import { NotificationsRepository } from '../notifications';
import { StepUpService } from '../sessions';
import { CaseErasureHooks } from './case-erasure-hooks';
import { CaseErasureRepository, ErasableCase } from './case-erasure.repository';
import { ACTIVE_STATUSES } from './case-status';
import { CaseErasureResponse, ErasureCandidates } from './dto/erasure.response';

const MAX_CANDIDATES = 500;

/**
 * Erasure by key destruction: the case's data key is destroyed, so every
 * copy of its encrypted fields (database, replicas, backups made before) is
 * unreadable; what is kept in clear about it is cleared. The rows stay:
 * statistics still count the case, its status and dates. The case is also
 * listed in the erasure register of the keys folder: started on a database
 * restored from an older backup, the application erases such a case again.
 */
@Injectable()
export class CaseErasureService implements OnApplicationBootstrap {
  private readonly logger = new Logger(CaseErasureService.name);

  constructor(
    private readonly cases: CaseErasureRepository,
    private readonly hooks: CaseErasureHooks,
    private readonly notifications: NotificationsRepository,
    private readonly keys: CaseKeys,
    private readonly stepUp: StepUpService,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Admin, after step-up; a closed or collapsed case only. Asked again, answers the first. */
  async erase(principal: Principal, id: string): Promise<CaseErasureResponse> {
    await this.stepUp.assertSteppedUp(principal);
    const erasedAt = await this.transactions.run(async (tx) => {
      const row = await this.cases.lock(tx, id);
      if (!row) throw new AppError('not_found');
      if (row.erasedAt) return row.erasedAt;
      if (ACTIVE_STATUSES.includes(row.status)) throw new AppError('case_still_active');
      return this.eraseLocked(tx, row, {});
    });
    this.keys.erased(id);
    return { id, erasedAt: erasedAt.toISOString() };
  }

  /**
   * At start: a case of the erasure register whose key is back in the
   * database, or that is not marked erased there (restored from a backup
   * made before its erasure; `npm run restore` has destroyed its key
   * already), is erased again, with an event of no actor.
   */
  async onApplicationBootstrap(): Promise<void> {
    const again = [
      ...new Set([
        ...(await this.keys.keptDespiteErasure()),
        ...(await this.cases.notErased(this.keys.registered())),
      ]),
    ];
    for (const id of again) {
      await this.transactions.run(async (tx) => {
        const row = await this.cases.lock(tx, id);
        // Another instance starting at the same time may have done it meanwhile.
        const done = row?.erasedAt && (await this.keys.withKey([id])).length === 0;
        if (row && !done)
          await this.eraseLocked(tx, row, { actorUserId: null, actorRole: null, requestId: null });
      });
      this.keys.erased(id);
    }
    if (again.length > 0)
      this.logger.warn(`${again.length} case(s) of the erasure register erased again`);
  }

  private async eraseLocked(
    tx: Tx,
    row: ErasableCase,
    actor: { actorUserId?: null; actorRole?: null; requestId?: null },
  ): Promise<Date> {
    const shredded = await this.cases.shredRingValues(tx, row.id);
    await this.keys.destroy(tx, row.id);
    await this.hooks.run(tx, row.id);
    await this.notifications.clearMessagesAbout(tx, 'case', row.id);
    const at = await this.cases.markErased(tx, row.id);
    await this.audit.record(tx, {
      action: 'case.erase',
      entityType: 'case',
      entityId: row.id,
      associationId: row.associationId,
      details: { count: shredded },
      ...actor,
    });
    return at;
  }

  /** Closed cases kept longer than TOGUNA_RETENTION_YEARS: erased once an admin confirms. */
  async candidates(): Promise<ErasureCandidates> {
    const years = this.config.retentionYears;
    const rows = await this.cases.candidates(years, MAX_CANDIDATES);
    return {
      retentionYears: years,
      items: rows.map((r) => ({
        id: r.id,
        associationId: r.associationId,
        closedAt: r.closedAt.toISOString(),
      })),
    };
  }
}
