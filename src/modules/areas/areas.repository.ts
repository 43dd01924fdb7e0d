import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Tx } from '../../database/transactions';
import { Area, AreaLevel } from './area.entity';

export interface AreaListFilter {
  parentId?: string;
  level?: AreaLevel;
  after: [string, string] | null;
  limit: number;
}

@Injectable()
export class AreasRepository {
  constructor(private readonly dataSource: DataSource) {}

  findById(id: string): Promise<Area | null> {
    return this.dataSource.manager.findOneBy(Area, { id });
  }

  async countExisting(ids: string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const rows: { n: number }[] = await this.dataSource.query(
      'SELECT count(*)::int AS n FROM area WHERE id = ANY($1)',
      [ids],
    );
    return rows[0].n;
  }

  /** Keyset page ordered by (name, id). */
  list(filter: AreaListFilter): Promise<Area[]> {
    const qb = this.dataSource.manager.createQueryBuilder(Area, 'a');
    if (filter.parentId) qb.andWhere('a.parentId = :parentId', { parentId: filter.parentId });
    if (filter.level) qb.andWhere('a.level = :level', { level: filter.level });
    if (filter.after)
      qb.andWhere('(a.name, a.id) > (:name, :id)', { name: filter.after[0], id: filter.after[1] });
    return qb
      .orderBy('a.name', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .take(filter.limit + 1)
      .getMany();
  }

  async insert(
    tx: Tx,
    area: Pick<Area, 'id' | 'name' | 'level' | 'parentId' | 'pcode'>,
  ): Promise<void> {
    await tx.insert(Area, area);
  }

  async setPcode(tx: Tx, id: string, pcode: string | null): Promise<void> {
    await tx.update(Area, { id }, { pcode });
  }
}
