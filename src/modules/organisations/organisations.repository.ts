import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Tx } from '../../database/transactions';
import { Association } from './association.entity';
import { Authority } from './authority.entity';

export type AuthorityWithAreas = Authority & { jurisdictionAreaIds: string[] };

@Injectable()
export class OrganisationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  findAssociation(id: string): Promise<Association | null> {
    return this.dataSource.manager.findOneBy(Association, { id });
  }

  async insertAssociation(
    tx: Tx,
    a: Pick<Association, 'id' | 'name' | 'registrationNumber' | 'registeredWithAuthorityId'>,
  ): Promise<void> {
    await tx.insert(Association, a);
  }

  /** Keyset page ordered by (name, id). */
  listAssociations(after: [string, string] | null, limit: number): Promise<Association[]> {
    const qb = this.dataSource.manager.createQueryBuilder(Association, 'a');
    if (after) qb.where('(a.name, a.id) > (:name, :id)', { name: after[0], id: after[1] });
    return qb
      .orderBy('a.name', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .take(limit + 1)
      .getMany();
  }

  async findAuthority(id: string, tx?: Tx): Promise<AuthorityWithAreas | null> {
    const authority = await (tx ?? this.dataSource.manager).findOneBy(Authority, { id });
    if (!authority) return null;
    return (await this.withAreas([authority], tx))[0];
  }

  /** Applies the change only if the row still has `version` (a conditional UPDATE). */
  async updateAuthorityIfVersion(
    tx: Tx,
    id: string,
    version: number,
    changes: Pick<Authority, 'statsScope'>,
  ): Promise<boolean> {
    const result = await tx
      .createQueryBuilder()
      .update(Authority)
      .set({ ...changes, version: () => 'version + 1', updatedAt: () => 'now()' })
      .where('id = :id AND version = :version', { id, version })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  async insertAuthority(
    tx: Tx,
    a: Pick<Authority, 'id' | 'name'>,
    areaIds: string[],
  ): Promise<void> {
    await tx.insert(Authority, a);
    if (areaIds.length > 0) {
      await tx.query(
        'INSERT INTO authority_jurisdiction (authority_id, area_id) SELECT $1, unnest($2::uuid[])',
        [a.id, areaIds],
      );
    }
  }

  async listAuthorities(
    after: [string, string] | null,
    limit: number,
  ): Promise<AuthorityWithAreas[]> {
    const qb = this.dataSource.manager.createQueryBuilder(Authority, 'a');
    if (after) qb.where('(a.name, a.id) > (:name, :id)', { name: after[0], id: after[1] });
    const rows = await qb
      .orderBy('a.name', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .take(limit + 1)
      .getMany();
    return this.withAreas(rows);
  }

  /** One query for the jurisdictions of a whole page. */
  private async withAreas(authorities: Authority[], tx?: Tx): Promise<AuthorityWithAreas[]> {
    if (authorities.length === 0) return [];
    const rows: { authority_id: string; area_id: string }[] = await (
      tx ?? this.dataSource.manager
    ).query(
      'SELECT authority_id, area_id FROM authority_jurisdiction WHERE authority_id = ANY($1) ORDER BY area_id',
      [authorities.map((a) => a.id)],
    );
    return authorities.map((a) =>
      Object.assign(a, {
        jurisdictionAreaIds: rows.filter((r) => r.authority_id === a.id).map((r) => r.area_id),
      }),
    );
  }
}
