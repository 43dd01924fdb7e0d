import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import { Principal } from '../../common/auth/principal';
import { CaseKeys } from '../../common/crypto/case-keys';
import { shredRingValuesOf } from '../../common/crypto/case-values';
import { FieldCipher } from '../../common/crypto/field-cipher';
import { AppError } from '../../common/http/app-error';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { Transactions } from '../../database/transactions';
import { NotificationsRepository } from '../notifications';
import { StepUpService } from '../sessions';
import { CaseErasureHooks } from './case-erasure-hooks';
import { CaseErasureRepository } from './case-erasure.repository';
import { ACTIVE_STATUSES } from './case-status';
import { CaseErasureResponse, ErasureCandidates } from './dto/erasure.response';

const MAX_CANDIDATES = 500;

/**
 * Erasure by key destruction: the case's data key is destroyed, so every
 * copy of its encrypted fields (database, replicas, backups made before) is
 * unreadable; what is kept in clear about it is cleared. The rows stay:
 * statistics still count the case, its status and dates.
 */
@Injectable()
export class CaseErasureService {
  constructor(
    private readonly cases: CaseErasureRepository,
    private readonly hooks: CaseErasureHooks,
    private readonly notifications: NotificationsRepository,
    private readonly keys: CaseKeys,
    private readonly cipher: FieldCipher,
    private readonly stepUp: StepUpService,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
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
      const shredded = await shredRingValuesOf(this.dataSource, tx, this.cipher, id);
      await this.keys.destroy(tx, id);
      await this.hooks.run(tx, id);
      await this.notifications.clearMessagesAbout(tx, 'case', id);
      const at = await this.cases.markErased(tx, id);
      await this.audit.record(tx, {
        action: 'case.erase',
        entityType: 'case',
        entityId: id,
        associationId: row.associationId,
        details: { count: shredded },
      });
      return at;
    });
    this.keys.forget(id);
    return { id, erasedAt: erasedAt.toISOString() };
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
