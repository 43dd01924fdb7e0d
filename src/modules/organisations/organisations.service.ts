import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { fieldNames } from '../../common/audit/audit-input';
import { AuditService } from '../../common/audit/audit.service';
import { AppError } from '../../common/http/app-error';
import {
  DEFAULT_PAGE_SIZE,
  decodeCursor,
  PageQueryDto,
  toPage,
} from '../../common/http/pagination';
import { Transactions } from '../../database/transactions';
import { AreasRepository } from '../areas';
import { Association } from './association.entity';
import {
  AssociationPage,
  AssociationResponse,
  AuthorityPage,
  AuthorityResponse,
  CreateAssociationDto,
  CreateAuthorityDto,
} from './dto/organisation.dto';
import { AuthorityWithAreas, OrganisationsRepository } from './organisations.repository';

function toAssociationResponse(a: Association): AssociationResponse {
  return {
    id: a.id,
    name: a.name,
    registrationNumber: a.registrationNumber,
    registeredWithAuthorityId: a.registeredWithAuthorityId,
    version: a.version,
    createdAt: a.createdAt.toISOString(),
  };
}

function toAuthorityResponse(a: AuthorityWithAreas): AuthorityResponse {
  return {
    id: a.id,
    name: a.name,
    jurisdictionAreaIds: a.jurisdictionAreaIds,
    version: a.version,
    createdAt: a.createdAt.toISOString(),
  };
}

@Injectable()
export class OrganisationsService {
  constructor(
    private readonly organisations: OrganisationsRepository,
    private readonly areas: AreasRepository,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
  ) {}

  async createAssociation(dto: CreateAssociationDto): Promise<AssociationResponse> {
    const fields = {
      name: dto.name.trim(),
      registrationNumber: dto.registrationNumber ?? null,
      registeredWithAuthorityId: dto.registeredWithAuthorityId ?? null,
    };
    if (dto.id) {
      const existing = await this.organisations.findAssociation(dto.id);
      if (existing) {
        const same =
          existing.name === fields.name &&
          existing.registrationNumber === fields.registrationNumber &&
          existing.registeredWithAuthorityId === fields.registeredWithAuthorityId;
        if (!same) throw new AppError('duplicate');
        return toAssociationResponse(existing);
      }
    }
    const id = dto.id ?? randomUUID();
    await this.transactions.run(async (tx) => {
      await this.organisations.insertAssociation(tx, { id, ...fields });
      await this.audit.record(tx, {
        action: 'association.create',
        entityType: 'association',
        entityId: id,
        associationId: id,
        details: { fields: fieldNames(fields) },
      });
    });
    return this.getAssociation(id);
  }

  async listAssociations(query: PageQueryDto): Promise<AssociationPage> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.organisations.listAssociations(
      decodeCursor(query.cursor, 2) as [string, string] | null,
      limit,
    );
    return toPage(rows, limit, toAssociationResponse, (a) => [a.name, a.id]);
  }

  async getAssociation(id: string): Promise<AssociationResponse> {
    const association = await this.organisations.findAssociation(id);
    if (!association) throw new AppError('not_found');
    return toAssociationResponse(association);
  }

  async createAuthority(dto: CreateAuthorityDto): Promise<AuthorityResponse> {
    const name = dto.name.trim();
    const areaIds = [...new Set(dto.jurisdictionAreaIds.map((id) => id.toLowerCase()))].sort();
    if (dto.id) {
      const existing = await this.organisations.findAuthority(dto.id);
      if (existing) {
        const same =
          existing.name === name && existing.jurisdictionAreaIds.join() === areaIds.join();
        if (!same) throw new AppError('duplicate');
        return toAuthorityResponse(existing);
      }
    }
    if ((await this.areas.countExisting(areaIds)) !== areaIds.length)
      throw new AppError('invalid_reference');
    const id = dto.id ?? randomUUID();
    await this.transactions.run(async (tx) => {
      await this.organisations.insertAuthority(tx, { id, name }, areaIds);
      await this.audit.record(tx, {
        action: 'authority.create',
        entityType: 'authority',
        entityId: id,
        details: { ids: areaIds.slice(0, 50), count: areaIds.length },
      });
    });
    return toAuthorityResponse((await this.organisations.findAuthority(id)) as AuthorityWithAreas);
  }

  async listAuthorities(query: PageQueryDto): Promise<AuthorityPage> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.organisations.listAuthorities(
      decodeCursor(query.cursor, 2) as [string, string] | null,
      limit,
    );
    return toPage(rows, limit, toAuthorityResponse, (a) => [a.name, a.id]);
  }

  async getAuthority(id: string): Promise<AuthorityResponse> {
    const authority = await this.organisations.findAuthority(id);
    if (!authority) throw new AppError('not_found');
    return toAuthorityResponse(authority);
  }
}
