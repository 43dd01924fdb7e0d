import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AccessService, CaseAccess } from '../../common/access/access.service';
import { fieldNames } from '../../common/audit/audit-input';
import { AuditService } from '../../common/audit/audit.service';
import { Principal } from '../../common/auth/principal';
import { AppError } from '../../common/http/app-error';
import {
  decodeCursor,
  DEFAULT_PAGE_SIZE,
  Page,
  PageQueryDto,
  toPage,
} from '../../common/http/pagination';
import { Transactions } from '../../database/transactions';
import { CaseParticipant } from './case-participant.entity';
import { sensitiveFieldsOf, toParticipantResponse } from './case-members.mapper';
import { CreateParticipantDto, ParticipantResponse } from './dto/participant.dto';
import { ParticipantsRepository } from './participants.repository';

/**
 * Participants of a case, known by pseudonym. A real identity needs consent,
 * is encrypted at rest and is shown to the case team only; every response
 * that shows one leaves a `participant.read_sensitive` audit event.
 */
@Injectable()
export class ParticipantsService {
  constructor(
    private readonly access: AccessService,
    private readonly participants: ParticipantsRepository,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
  ) {}

  async list(
    principal: Principal,
    caseId: string,
    query: PageQueryDto,
  ): Promise<Page<ParticipantResponse>> {
    const access = await this.access.caseFor(principal, caseId);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor, 2) as [string, string] | null;
    const rows = await this.participants.list(caseId, after, limit);
    const page = toPage(
      rows,
      limit,
      (p) => p,
      (p) => [p.pseudonym, p.id],
    );
    const shown = await this.reveal(access, page.items);
    return {
      items: shown.map((p) => toParticipantResponse(p, access.mayReadSensitive)),
      nextCursor: page.nextCursor,
    };
  }

  async create(
    principal: Principal,
    caseId: string,
    dto: CreateParticipantDto,
  ): Promise<ParticipantResponse> {
    const access = await this.access.caseFor(principal, caseId);
    if (
      (dto.realName !== undefined || dto.contact !== undefined) &&
      dto.consentToRecordIdentity !== true
    ) {
      throw new AppError('identity_consent_required', {
        errors: [
          {
            field: 'consentToRecordIdentity',
            message: 'must be true to record a real name or contact',
            code: 'equals',
          },
        ],
      });
    }
    const id = dto.id ?? randomUUID();
    const values = {
      id,
      caseId,
      pseudonym: dto.pseudonym,
      partyId: dto.partyId ?? null,
      role: dto.role,
      consentToRecordIdentity: dto.consentToRecordIdentity ?? false,
      realName: dto.realName ?? null,
      contact: dto.contact ?? null,
    };
    const { created, stored } = await this.transactions.run(async (tx) => {
      if (values.partyId && !(await this.participants.lockParty(tx, caseId, values.partyId))) {
        throw new AppError('invalid_reference', {
          errors: [{ field: 'partyId', message: 'not a party of this case', code: 'isUuid' }],
        });
      }
      const inserted = await this.participants.insertIfAbsent(tx, values);
      if (inserted) {
        await this.audit.record(tx, {
          action: 'participant.create',
          entityType: 'case_participant',
          entityId: id,
          associationId: access.associationId,
          details: {
            ids: values.partyId ? [caseId, values.partyId] : [caseId],
            fields: fieldNames(dto, ['id']),
          },
        });
      }
      // Read back before the commit (see CasesService.create).
      return { created: inserted, stored: await this.participants.findById(id, tx) };
    });
    // A repeated create with a known id is accepted only if it describes the same participant.
    const same =
      stored !== null &&
      stored.caseId === caseId &&
      stored.pseudonym === values.pseudonym &&
      stored.partyId === values.partyId &&
      stored.role === values.role;
    if (!created && !same) throw new AppError('duplicate');
    const [shown] = await this.reveal(access, [stored!]);
    return toParticipantResponse(shown, access.mayReadSensitive);
  }

  /** Decrypts the identities for the case team (and audits the read); others get them still sealed, never shown. */
  private async reveal(access: CaseAccess, rows: CaseParticipant[]): Promise<CaseParticipant[]> {
    if (!access.mayReadSensitive) return rows;
    const opened = rows.map((p) => this.participants.opened(p));
    const fields = sensitiveFieldsOf(opened);
    if (fields.length > 0) {
      await this.audit.recordNow({
        action: 'participant.read_sensitive',
        entityType: 'case',
        entityId: access.caseId,
        associationId: access.associationId,
        details: {
          fields,
          ids: opened.filter((p) => p.realName !== null || p.contact !== null).map((p) => p.id),
        },
      });
    }
    return opened;
  }
}
