import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditService } from '../../common/audit/audit.service';
import { AppError } from '../../common/http/app-error';
import { DEFAULT_PAGE_SIZE, decodeCursor, Page, toPage } from '../../common/http/pagination';
import { Transactions } from '../../database/transactions';
import { Area, AreaLevel, PCODE_LENGTH } from './area.entity';
import { AreaPage, AreaQueryDto, AreaResponse, CreateAreaDto, UpdateAreaDto } from './dto/area.dto';
import { AreasRepository } from './areas.repository';

const PARENT_LEVEL: Record<AreaLevel, AreaLevel | null> = {
  region: null,
  cercle: 'region',
  commune: 'cercle',
};

export function toAreaResponse(area: Area): AreaResponse {
  return {
    id: area.id,
    name: area.name,
    level: area.level,
    parentId: area.parentId,
    pcode: area.pcode,
  };
}

/** A P-code has its level's length and extends its parent's code, when the parent has one. */
function checkPcode(pcode: string, level: AreaLevel, parent: Area | null): void {
  if (pcode.length !== PCODE_LENGTH[level]) throw new AppError('invalid_pcode');
  if (parent?.pcode && !pcode.startsWith(parent.pcode)) throw new AppError('invalid_pcode');
}

@Injectable()
export class AreasService {
  constructor(
    private readonly areas: AreasRepository,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
  ) {}

  async list(query: AreaQueryDto): Promise<Page<AreaResponse>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor, 2) as [string, string] | null;
    const rows = await this.areas.list({
      parentId: query.parentId,
      level: query.level,
      after,
      limit,
    });
    return toPage(rows, limit, toAreaResponse, (a) => [a.name, a.id]) satisfies AreaPage;
  }

  async get(id: string): Promise<AreaResponse> {
    const area = await this.areas.findById(id);
    if (!area) throw new AppError('not_found');
    return toAreaResponse(area);
  }

  /** A region has no parent, a cercle sits in a region, a commune in a cercle. */
  async create(dto: CreateAreaDto): Promise<AreaResponse> {
    const expectedParent = PARENT_LEVEL[dto.level];
    if ((expectedParent === null) !== (dto.parentId === undefined))
      throw new AppError('invalid_area_hierarchy');
    let parent: Area | null = null;
    if (dto.parentId) {
      parent = await this.areas.findById(dto.parentId);
      if (!parent) throw new AppError('invalid_reference');
      if (parent.level !== expectedParent) throw new AppError('invalid_area_hierarchy');
    }
    if (dto.pcode) checkPcode(dto.pcode, dto.level, parent);
    const name = dto.name.trim();
    if (dto.id) {
      const existing = await this.areas.findById(dto.id);
      if (existing) {
        const same =
          existing.name === name &&
          existing.level === dto.level &&
          existing.parentId === (dto.parentId ?? null) &&
          (dto.pcode === undefined || existing.pcode === dto.pcode);
        if (!same) throw new AppError('duplicate');
        return toAreaResponse(existing);
      }
    }
    const id = dto.id ?? randomUUID();
    await this.transactions.run(async (tx) => {
      await this.areas.insert(tx, {
        id,
        name,
        level: dto.level,
        parentId: dto.parentId ?? null,
        pcode: dto.pcode ?? null,
      });
      await this.audit.record(tx, {
        action: 'area.create',
        entityType: 'area',
        entityId: id,
        details: { to: dto.level, ids: dto.parentId ? [dto.parentId] : [] },
      });
    });
    return this.get(id);
  }

  /** Sets or removes an area's P-code (another area's code: 409 duplicate). */
  async update(id: string, dto: UpdateAreaDto): Promise<AreaResponse> {
    const area = await this.areas.findById(id);
    if (!area) throw new AppError('not_found');
    if (dto.pcode !== null) {
      const parent = area.parentId ? await this.areas.findById(area.parentId) : null;
      checkPcode(dto.pcode, area.level, parent);
    }
    await this.transactions.run(async (tx) => {
      await this.areas.setPcode(tx, id, dto.pcode);
      await this.audit.record(tx, {
        action: 'area.update',
        entityType: 'area',
        entityId: id,
        details: { fields: ['pcode'] },
      });
    });
    return this.get(id);
  }
}
