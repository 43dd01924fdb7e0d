import { Injectable, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AccessService } from '../../common/access/access.service';
import { fieldNames } from '../../common/audit/audit-input';
import { AuditService } from '../../common/audit/audit.service';
import { CaseErasureHooks } from '../cases';
import { NotificationsRepository } from '../notifications';
import { Principal } from '../../common/auth/principal';
import { AppError, invalidReference } from '../../common/http/app-error';
import { DEFAULT_PAGE_SIZE, decodeTimeIdCursor, Page, pageOf } from '../../common/http/pagination';
import { Transactions } from '../../database/transactions';
import { AccordStandingService } from './accord-standing.service';
import { AccordScopes } from './accord-scopes';
import { toAccordResponse, toFlagResponse, toTermResponse } from './accords.mapper';
import { AccordRow, AccordsRepository } from './accords.repository';
import { CaseMoves } from './case-moves';
import {
  AccordDetailResponse,
  AccordResponse,
  FlagResponse,
  TermResponse,
} from './dto/accord.response';
import { CreateAccordDto } from './dto/create-accord.dto';
import { ListAccordsQueryDto } from './dto/list-accords.query';
import { FlagRow, FlagsRepository } from './flags.repository';
import { FollowUpsRepository } from './follow-ups.repository';
import { TermsRepository } from './terms.repository';

/** Reason written (encrypted) on the case transition a first accord causes. */
const FIRST_ACCORD_REASON = 'First accord recorded';

/**
 * Accords of a dialogue case: record, list, read with terms, health and
 * flags. Everything resolves to its case through AccessService.caseFor (not
 * visible → 404). Summaries, term text, notes and flag reasons are
 * encrypted; they are decrypted for whoever sees the case (access.md lists
 * no team-only restriction for them) and every such read is audited. Terms,
 * follow-ups and flags have their own services.
 */
@Injectable()
export class AccordsService implements OnModuleInit {
  constructor(
    private readonly accords: AccordsRepository,
    private readonly terms: TermsRepository,
    private readonly followUps: FollowUpsRepository,
    private readonly flags: FlagsRepository,
    private readonly standing: AccordStandingService,
    private readonly scopes: AccordScopes,
    private readonly caseMoves: CaseMoves,
    private readonly access: AccessService,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly erasure: CaseErasureHooks,
    private readonly notifications: NotificationsRepository,
  ) {}

  /** An erased case's accords keep their forms and dates; their monitoring text and notices go. */
  onModuleInit(): void {
    this.erasure.register(async (tx, caseId) => {
      const accordIds = await this.accords.clearTextOfCase(tx, caseId);
      await this.notifications.clearMessagesAbout(tx, 'accord', accordIds);
    });
  }

  // ---- accords ----
  async create(
    principal: Principal,
    caseId: string,
    dto: CreateAccordDto,
  ): Promise<AccordResponse> {
    const access = await this.access.caseFor(principal, caseId);
    if (dto.meetingId && !(await this.accords.meetingOfCase(caseId, dto.meetingId))) {
      throw invalidReference('meetingId', 'not a meeting of the case');
    }
    if (dto.id) {
      const existing = await this.accords.findAccord(dto.id);
      if (existing) {
        const same =
          existing.caseId === caseId &&
          existing.createdBy === principal.userId &&
          existing.concludedAt.getTime() === new Date(dto.concludedAt).getTime();
        if (!same) throw new AppError('duplicate');
        return this.presentAccord(existing);
      }
    }
    const id = dto.id ?? randomUUID();
    const smsCode = await this.accords.unusedSmsCode();
    await this.transactions.run(async (tx) => {
      const inserted = await this.accords.insertAccordIfAbsent(tx, {
        id,
        caseId,
        smsCode,
        concludedAt: new Date(dto.concludedAt),
        meetingId: dto.meetingId ?? null,
        form: dto.form,
        kind: dto.kind,
        monitoringMechanism: dto.monitoringMechanism ?? null,
        followUpIntervalDays: dto.followUpIntervalDays ?? 30,
        summary: dto.summary ?? null,
        createdBy: principal.userId,
      });
      if (!inserted) throw new AppError('duplicate');
      if ((await this.accords.countAccords(tx, caseId)) === 1) {
        await this.caseMoves.advance(
          tx,
          principal,
          access,
          ['accord_reached'],
          ['negotiating'],
          FIRST_ACCORD_REASON,
        );
      }
      await this.audit.record(tx, {
        action: 'accord.create',
        entityType: 'accord',
        entityId: id,
        associationId: access.associationId,
        details: { ids: [caseId], fields: fieldNames(dto, ['id']) },
      });
    });
    const row = (await this.accords.findAccord(id)) as AccordRow;
    // The creator wrote the summary: it comes back unaudited (as for cases and meetings).
    return toAccordResponse(row, await this.standing.of(row), dto.summary ?? null);
  }

  /** The accords of a case, latest concluded first; lists never carry the summary. */
  async list(
    principal: Principal,
    caseId: string,
    query: ListAccordsQueryDto,
  ): Promise<Page<AccordResponse>> {
    await this.access.caseFor(principal, caseId);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeTimeIdCursor(query.cursor);
    const rows = await this.accords.listAccords(caseId, after, limit);
    const page = pageOf(rows, limit, (r) => [r.concludedAtKey, r.id]);
    const standings = await this.standing.ofAll(page.rows);
    const items = page.rows.map((row, i) => toAccordResponse(row, standings[i]));
    return { items, nextCursor: page.nextCursor };
  }

  /** One accord with its terms (each with its latest assessment), flags and health. */
  async get(principal: Principal, id: string): Promise<AccordDetailResponse> {
    await this.scopes.ofAccord(principal, id);
    const row = await this.accords.findAccord(id);
    if (!row) throw new AppError('not_found');
    const [standing, terms, latest, flags] = await Promise.all([
      this.standing.of(row),
      this.terms.termsOf(id),
      this.followUps.latestAssessments(id),
      this.flags.flagsOf(id),
    ]);
    const latestOf = new Map(latest.map((a) => [a.termId, a]));
    const termResponses = terms.map((t): TermResponse => {
      const a = latestOf.get(t.id);
      return {
        ...toTermResponse(t, this.terms.open('accord_term', 'text', t.id, t.text) as string),
        latestAssessment: a
          ? {
              followUpId: a.followUpId,
              checkedAt: a.checkedAt.toISOString(),
              status: a.status,
              note: this.followUps.open('follow_up_assessment', 'note', a.id, a.note),
            }
          : null,
      };
    });
    const fields = [
      ...(row.summary !== null ? ['summary'] : []),
      ...(terms.length > 0 ? ['terms.text'] : []),
      ...(latest.some((a) => a.note !== null) ? ['assessments.note'] : []),
      ...(flags.length > 0 ? ['flags.reason'] : []),
      ...(flags.some((f) => f.resolutionNote !== null) ? ['flags.resolution_note'] : []),
    ];
    if (fields.length > 0) {
      await this.audit.recordNow({
        action: 'accord.read_sensitive',
        entityType: 'accord',
        entityId: id,
        associationId: row.associationId,
        details: { ids: [row.caseId], fields: fields.sort(), count: terms.length },
      });
    }
    return {
      ...toAccordResponse(row, standing, this.accords.open('accord', 'summary', id, row.summary)),
      terms: termResponses,
      flags: flags.map((f) => this.flagResponse(f)),
    };
  }

  private async presentAccord(row: AccordRow): Promise<AccordResponse> {
    if (row.summary !== null) {
      await this.audit.recordNow({
        action: 'accord.read_sensitive',
        entityType: 'accord',
        entityId: row.id,
        associationId: row.associationId,
        details: { ids: [row.caseId], fields: ['summary'] },
      });
    }
    return toAccordResponse(
      row,
      await this.standing.of(row),
      this.accords.open('accord', 'summary', row.id, row.summary),
    );
  }

  private flagResponse(row: FlagRow): FlagResponse {
    return toFlagResponse(
      row,
      this.flags.open('accord_flag', 'reason', row.id, row.reason) as string,
      this.flags.open('accord_flag', 'resolution_note', row.id, row.resolutionNote),
    );
  }
}
