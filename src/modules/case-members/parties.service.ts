import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AccessService } from '../../common/access/access.service';
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
import { toPartyResponse } from './case-members.mapper';
import { CreatePartyDto, PartyResponse, UpdatePartyDto } from './dto/party.dto';
import { PartiesRepository } from './parties.repository';

@Injectable()
export class PartiesService {
  constructor(
    private readonly access: AccessService,
    private readonly parties: PartiesRepository,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
  ) {}

  async list(
    principal: Principal,
    caseId: string,
    query: PageQueryDto,
  ): Promise<Page<PartyResponse>> {
    await this.access.caseFor(principal, caseId);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor, 2) as [string, string] | null;
    const rows = await this.parties.list(caseId, after, limit);
    return toPage(rows, limit, toPartyResponse, (p) => [p.name, p.id]);
  }

  async create(principal: Principal, caseId: string, dto: CreatePartyDto): Promise<PartyResponse> {
    const access = await this.access.caseFor(principal, caseId);
    const id = dto.id ?? randomUUID();
    const values = {
      id,
      caseId,
      name: dto.name,
      kind: dto.kind,
      description: dto.description ?? null,
    };
    const { created, party } = await this.transactions.run(async (tx) => {
      const inserted = await this.parties.insertIfAbsent(tx, values);
      if (inserted) {
        await this.audit.record(tx, {
          action: 'party.create',
          entityType: 'case_party',
          entityId: id,
          associationId: access.associationId,
          details: { ids: [caseId], fields: fieldNames(dto, ['id']) },
        });
      }
      // Read back before the commit (see CasesService.create).
      return { created: inserted, party: await this.parties.findById(id, tx) };
    });
    // A repeated create with a known id is accepted only if it describes the same party.
    const same =
      party !== null &&
      party.caseId === caseId &&
      party.name === values.name &&
      party.kind === values.kind &&
      party.description === values.description;
    if (!created && !same) throw new AppError('duplicate');
    return toPartyResponse(party!);
  }

  async update(
    principal: Principal,
    caseId: string,
    partyId: string,
    version: number,
    dto: UpdatePartyDto,
  ): Promise<PartyResponse> {
    const access = await this.access.caseFor(principal, caseId);
    return this.transactions.run(async (tx) => {
      const updated = await this.parties.updateIfVersion(tx, caseId, partyId, version, dto);
      const current = await this.parties.findInCase(caseId, partyId, tx);
      if (!current) throw new AppError('not_found');
      if (!updated)
        throw new AppError('stale_version', { extensions: { currentVersion: current.version } });
      await this.audit.record(tx, {
        action: 'party.update',
        entityType: 'case_party',
        entityId: partyId,
        associationId: access.associationId,
        details: { ids: [caseId], fields: fieldNames(dto) },
      });
      return toPartyResponse(current);
    });
  }

  /** 409 `conflict` while participants belong to the party. */
  async remove(principal: Principal, caseId: string, partyId: string): Promise<void> {
    const access = await this.access.caseFor(principal, caseId);
    await this.transactions.run(async (tx) => {
      const party = await this.parties.lock(tx, caseId, partyId);
      if (!party) throw new AppError('not_found');
      if (await this.parties.isReferenced(tx, partyId)) throw new AppError('conflict');
      await this.parties.remove(tx, partyId);
      await this.audit.record(tx, {
        action: 'party.delete',
        entityType: 'case_party',
        entityId: partyId,
        associationId: access.associationId,
        details: { ids: [caseId] },
      });
    });
  }
}
