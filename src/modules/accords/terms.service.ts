import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CaseAccess } from '../../common/access/access.service';
import { fieldNames } from '../../common/audit/audit-input';
import { AuditService } from '../../common/audit/audit.service';
import { Principal } from '../../common/auth/principal';
import { AppError, invalidReference } from '../../common/http/app-error';
import { Transactions } from '../../database/transactions';
import { AccordScopes } from './accord-scopes';
import { toTermResponse } from './accords.mapper';
import { AccordsRepository } from './accords.repository';
import { TermHistoryResponse, TermResponse } from './dto/accord.response';
import { CreateTermDto } from './dto/create-term.dto';
import { UpdateTermDto } from './dto/update-term.dto';
import { TermChanges, TermRow, TermsRepository } from './terms.repository';

/** The terms of an accord: add, amend (the previous wording becomes a revision), history. */
@Injectable()
export class TermsService {
  constructor(
    private readonly terms: TermsRepository,
    private readonly accords: AccordsRepository,
    private readonly scopes: AccordScopes,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
  ) {}

  // ---- terms ----
  async addTerm(principal: Principal, accordId: string, dto: CreateTermDto): Promise<TermResponse> {
    const { access, caseId } = await this.scopes.ofAccord(principal, accordId);
    await this.checkParties(caseId, dto.obligorPartyId, dto.beneficiaryPartyId);
    if (dto.id) {
      const existing = await this.terms.findTerm(dto.id);
      if (existing) {
        if (existing.accordId !== accordId) throw new AppError('duplicate');
        return this.presentTerm(access, existing);
      }
    }
    const id = dto.id ?? randomUUID();
    const row = await this.transactions.run(async (tx) => {
      const inserted = await this.terms.insertTermIfAbsent(tx, {
        id,
        accordId,
        text: dto.text,
        category: dto.category,
        obligorPartyId: dto.obligorPartyId,
        beneficiaryPartyId: dto.beneficiaryPartyId ?? null,
        isConcession: dto.isConcession ?? false,
        deadline: dto.deadline ?? null,
      });
      if (!inserted) throw new AppError('duplicate');
      await this.audit.record(tx, {
        action: 'accord_term.create',
        entityType: 'accord_term',
        entityId: id,
        associationId: access.associationId,
        details: { ids: [accordId, caseId], fields: fieldNames(dto, ['id']) },
      });
      // Read back before the commit (see CasesService.create).
      return (await this.terms.findTerm(id, tx)) as TermRow;
    });
    return toTermResponse(row, dto.text);
  }

  /** Amends a term on the version the client read; the previous text and category become a revision. */
  async updateTerm(
    principal: Principal,
    id: string,
    version: number,
    dto: UpdateTermDto,
  ): Promise<TermResponse> {
    const { access, caseId, accordId } = await this.scopes.ofTerm(principal, id);
    if (dto.obligorPartyId !== undefined || dto.beneficiaryPartyId !== undefined) {
      await this.checkParties(caseId, dto.obligorPartyId, dto.beneficiaryPartyId);
    }
    if (dto.meetingId && !(await this.accords.meetingOfCase(caseId, dto.meetingId))) {
      throw invalidReference('meetingId', 'not a meeting of the case');
    }
    const changes: TermChanges = {
      text: dto.text,
      category: dto.category,
      obligorPartyId: dto.obligorPartyId,
      beneficiaryPartyId: dto.beneficiaryPartyId,
      isConcession: dto.isConcession,
      deadline: dto.deadline,
    };
    for (const key of Object.keys(changes) as (keyof TermChanges)[]) {
      if (changes[key] === undefined) delete changes[key];
    }
    const row = await this.transactions.run(async (tx) => {
      // Locked, so the revision keeps exactly the text this amendment replaces.
      const before = await this.terms.findTerm(id, tx, true);
      if (!before) throw new AppError('not_found');
      const updated = await this.terms.updateTermIfVersion(tx, id, version, changes);
      if (!updated) {
        throw new AppError('stale_version', { extensions: { currentVersion: before.version } });
      }
      await this.terms.insertRevision(tx, {
        id: randomUUID(),
        termId: id,
        previousText: this.textOf(before),
        previousCategory: before.category,
        meetingId: dto.meetingId ?? null,
        changedBy: principal.userId,
      });
      const after = (await this.terms.findTerm(id, tx)) as TermRow;
      await this.audit.record(tx, {
        action: 'accord_term.update',
        entityType: 'accord_term',
        entityId: id,
        associationId: access.associationId,
        details: { ids: [accordId, caseId], fields: fieldNames(dto) },
      });
      return after;
    });
    return dto.text !== undefined ? toTermResponse(row, dto.text) : this.presentTerm(access, row);
  }

  /** The revisions of a term (who, when, which meeting, previous text), newest first. */
  async termHistory(principal: Principal, id: string): Promise<TermHistoryResponse> {
    const { access, caseId } = await this.scopes.ofTerm(principal, id);
    const revisions = await this.terms.revisionsOf(id);
    if (revisions.length > 0) {
      await this.audit.recordNow({
        action: 'accord_term.read_sensitive',
        entityType: 'accord_term',
        entityId: id,
        associationId: access.associationId,
        details: { ids: [caseId], fields: ['revisions.previous_text'], count: revisions.length },
      });
    }
    return {
      termId: id,
      items: revisions.map((r) => ({
        id: r.id,
        previousText: this.terms.open(
          'accord_term_revision',
          'previous_text',
          r.id,
          r.previousText,
        ) as string,
        previousCategory: r.previousCategory,
        meetingId: r.meetingId,
        changedBy: r.changedBy,
        changedAt: r.changedAt.toISOString(),
      })),
    };
  }

  private async presentTerm(access: CaseAccess, row: TermRow): Promise<TermResponse> {
    await this.audit.recordNow({
      action: 'accord_term.read_sensitive',
      entityType: 'accord_term',
      entityId: row.id,
      associationId: access.associationId,
      details: { ids: [access.caseId], fields: ['text'] },
    });
    return toTermResponse(row, this.textOf(row));
  }

  private textOf(row: TermRow): string {
    return this.terms.open('accord_term', 'text', row.id, row.text) as string;
  }

  /** Obligor and beneficiary must be parties of the same case (else 400). */
  private async checkParties(
    caseId: string,
    obligorPartyId: string | undefined,
    beneficiaryPartyId: string | undefined,
  ): Promise<void> {
    const ids = [obligorPartyId, beneficiaryPartyId].filter((p): p is string => !!p);
    const unknown = await this.terms.notParties(caseId, ids);
    if (unknown.length > 0) {
      const field = unknown.includes(obligorPartyId ?? '')
        ? 'obligorPartyId'
        : 'beneficiaryPartyId';
      throw invalidReference(field, 'not a party of the case');
    }
  }
}
